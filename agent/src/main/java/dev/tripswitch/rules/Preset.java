package dev.tripswitch.rules;

import java.util.List;

/**
 * What a {@code preset:} gives the rule that names it, before the rule's own keys: the
 * methods it guards, its key, what fails and what a rejected call gets. The presets are the
 * client libraries' definitions (docs/presets.md); the rules layer reads them through a
 * {@link PresetCatalog} and depends on none of them, so a library's file may use the rules'
 * vocabulary ({@link MatchSpec}, {@link FailOn}) without the two packages depending on each
 * other.
 */
public interface Preset {
    List<MatchSpec> matches();

    KeyExpression key();

    FailOn failOn();

    WhenOpen whenOpen();
}
