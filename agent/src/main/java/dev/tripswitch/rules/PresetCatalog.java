package dev.tripswitch.rules;

import java.util.Set;

/**
 * The presets a rules file may name ({@code dev.tripswitch.instrumentation.Presets} in the
 * agent): handed to {@link RulesLoader} by whoever loads rules, so the rules layer knows
 * presets by name only.
 */
public interface PresetCatalog {
    /** The preset of that name, or null. */
    Preset get(String name);

    /** Every name, in the order the docs list them (for "did you mean" and the list in a message). */
    Set<String> names();
}
