package dev.tripswitch.rules;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.tripswitch.engine.BreakerConfig;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * A reload applies a changed rule one of two ways: its settings reach the running breakers
 * ({@code sameWeavingAs}), or it is woven again ({@code sameSettingsAs} false or not). Every
 * field of {@link BreakerRule} must be in exactly one of the two (or be the rule's name, how a
 * reload finds it): a field added to neither would be silently ignored by a reload, one added
 * to both would re-weave for a setting. This test fails until a new field is placed.
 */
class BreakerRuleTest {
    private static final Set<String> WEAVING = Set.of("matches", "key", "maxKeys", "failOn", "whenOpen", "preset");
    private static final Set<String> SETTINGS = Set.of("config", "chaos", "retry");
    private static final Set<String> IDENTITY = Set.of("name");

    /** The constructor's arguments, in field order, and for each a different value. */
    private static Map<String, Object[]> values() {
        Map<String, Object[]> v = new LinkedHashMap<>();
        v.put("name", new Object[] {"a", "a"});
        v.put("matches", new Object[] {List.of(new MatchSpec("com.acme.A", false, List.of("m"), null)),
                List.of(new MatchSpec("com.acme.B", false, List.of("m"), null))});
        v.put("key", new Object[] {null, KeyExpression.parse("arg0")});
        v.put("maxKeys", new Object[] {1000, 7});
        v.put("failOn", new Object[] {FailOn.DEFAULTS, new FailOn(List.of("java.io.IOException"), List.of(), List.of(),
                List.of(), List.of())});
        v.put("whenOpen", new Object[] {WhenOpen.DEFAULT, new WhenOpen.Throw("java.net.ConnectException")});
        v.put("config", new Object[] {BreakerConfig.DEFAULTS, BreakerConfig.builder().maxConcurrent(3).build()});
        v.put("preset", new Object[] {null, "jdbc"});
        v.put("chaos", new Object[] {null, new ChaosSpec(10, ChaosSpec.DEFAULT_EXCEPTION, 0, 0)});
        v.put("retry", new Object[] {null, new RetrySpec(RetrySpec.DEFAULT_ATTEMPTS, RetrySpec.DEFAULT_DELAY_NANOS, 2,
                RetrySpec.DEFAULT_DELAY_NANOS * 4, 0, List.of(), true)});
        return v;
    }

    private static BreakerRule rule(Object[] args) {
        return new BreakerRule((String) args[0], (List<MatchSpec>) args[1], (KeyExpression) args[2], (Integer) args[3],
                (FailOn) args[4], (WhenOpen) args[5], (BreakerConfig) args[6], (String) args[7], (ChaosSpec) args[8],
                (RetrySpec) args[9]);
    }

    @Test
    void everyFieldIsEitherWovenOrASettingOrTheName() {
        Set<String> fields = new TreeSet<>();
        for (Field f : BreakerRule.class.getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers())) {
                fields.add(f.getName());
            }
        }
        Set<String> placed = new TreeSet<>(WEAVING);
        placed.addAll(SETTINGS);
        placed.addAll(IDENTITY);
        assertEquals(WEAVING.size() + SETTINGS.size() + IDENTITY.size(), placed.size(), "no field in two places");
        assertEquals(placed, fields, "every field of BreakerRule placed: woven again on reload, or a setting");
        assertEquals(fields, new TreeSet<>(values().keySet()), "and given a value to change in this test");
    }

    @Test
    void changingAWovenFieldReweavesAndASettingDoesNot() {
        Map<String, Object[]> values = values();
        List<String> names = new ArrayList<>(values.keySet());
        Object[] base = new Object[names.size()];
        for (int i = 0; i < base.length; i++) {
            base[i] = values.get(names.get(i))[0];
        }
        BreakerRule original = rule(base);
        for (int i = 0; i < base.length; i++) {
            String field = names.get(i);
            if (IDENTITY.contains(field)) {
                continue;
            }
            Object[] changed = Arrays.copyOf(base, base.length);
            changed[i] = values.get(field)[1];
            BreakerRule next = rule(changed);
            assertNotEquals(original, next, field + ": a different rule");
            assertEquals(!WEAVING.contains(field), original.sameWeavingAs(next), field + ": sameWeavingAs");
            assertEquals(!SETTINGS.contains(field), original.sameSettingsAs(next), field + ": sameSettingsAs");
            if (SETTINGS.contains(field)) {
                assertEquals(next, original.withSettingsOf(next), field + ": withSettingsOf takes it");
            }
        }
    }
}
