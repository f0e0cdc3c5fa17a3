package dev.tripswitch.rules;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules file's node tree: shapes, where each node starts, null, anchors, and what is refused. */
class YamlComposerTest {

    @Test
    void blockAndFlowBuildTheSameShapesWithWhereEachNodeStarts() {
        YamlMapping top = (YamlMapping) YamlComposer.compose("""
                version: 1
                breakers:
                  - name: payments
                    match: {type: com.acme.Pay, methods: [charge, refund]}
                """);
        assertEquals(1, top.line());
        assertEquals(1, top.column());
        List<YamlEntry> entries = top.entries();
        assertEquals("version", ((YamlScalar) entries.get(0).key()).value());
        assertEquals("1", ((YamlScalar) entries.get(0).value()).value());
        YamlMapping breaker = (YamlMapping) ((YamlSequence) entries.get(1).value()).items().get(0);
        assertEquals(3, breaker.line());
        assertEquals(5, breaker.column());
        YamlMapping match = (YamlMapping) breaker.entries().get(1).value();
        assertEquals(4, match.line());
        assertEquals(12, match.column());
        YamlSequence methods = (YamlSequence) match.entries().get(1).value();
        assertEquals(2, methods.items().size());
        assertEquals("refund", ((YamlScalar) methods.items().get(1)).value());
        assertEquals(51, methods.items().get(1).column());
    }

    @Test
    void nullIsUnquotedTildeNullOrNothingOrTaggedNull() {
        YamlSequence s = (YamlSequence) YamlComposer.compose("[~, null, NULL, 'null', \"~\", !!null x, !!str null, nil]");
        boolean[] expected = {true, true, true, false, false, true, false, false};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], ((YamlScalar) s.items().get(i)).isNull(), "item " + i);
        }
        YamlMapping m = (YamlMapping) YamlComposer.compose("key:\n");
        assertTrue(((YamlScalar) m.entries().get(0).value()).isNull());
    }

    @Test
    void plainIsUnquotedUntaggedAndNotABlock() {
        YamlSequence s = (YamlSequence) YamlComposer.compose("- a\n- 'a'\n- !!str a\n- |\n  a\n");
        assertTrue(((YamlScalar) s.items().get(0)).isPlain());
        for (int i = 1; i < 4; i++) {
            assertFalse(((YamlScalar) s.items().get(i)).isPlain(), "item " + i);
        }
        assertEquals("tag:yaml.org,2002:str", ((YamlScalar) s.items().get(2)).tag());
    }

    @Test
    void anAliasIsTheNodeItsAnchorNames() {
        YamlMapping top = (YamlMapping) YamlComposer.compose("""
                defaults: &fast {openFor: 5s}
                again: *fast
                """);
        assertSame(top.entries().get(0).value(), top.entries().get(1).value());
    }

    @Test
    void anAliasToNoAnchorOrToItsOwnNodeSaysWhere() {
        MarkedYAMLException e = assertThrows(MarkedYAMLException.class, () -> YamlComposer.compose("a: 1\nb: *nowhere\n"));
        assertEquals(1, e.getProblemMark().getLine());
        assertEquals(3, e.getProblemMark().getColumn());
        assertTrue(e.getProblem().contains("*nowhere names no anchor"), e.getProblem());
        assertThrows(MarkedYAMLException.class, () -> YamlComposer.compose("a: &loop [1, *loop]\n"));
    }

    @Test
    void aSecondDocumentIsRefusedWhereItStarts() {
        MarkedYAMLException e = assertThrows(MarkedYAMLException.class,
                () -> YamlComposer.compose("---\nversion: 1\n---\nversion: 2\n"));
        assertEquals(2, e.getProblemMark().getLine());
        assertTrue(e.getProblem().contains("a rules file holds one"), e.getProblem());
    }

    @Test
    void nestingDeeperThanTheLimitIsRefusedNotOverflowed() {
        String deep = "[".repeat(YamlComposer.MAX_DEPTH + 1) + "]".repeat(YamlComposer.MAX_DEPTH + 1);
        MarkedYAMLException e = assertThrows(MarkedYAMLException.class, () -> YamlComposer.compose(deep));
        assertTrue(e.getProblem().contains("levels of nesting"), e.getProblem());
        assertInstanceOf(YamlSequence.class, YamlComposer.compose("[".repeat(YamlComposer.MAX_DEPTH) + "]".repeat(YamlComposer.MAX_DEPTH)));
    }

    @Test
    void anEmptyFileOrOnlyCommentsHasNoRoot() {
        assertNull(YamlComposer.compose(""));
        assertNull(YamlComposer.compose("# nothing yet\n"));
    }

    @Test
    void whatIsNotYamlIsReportedBySnakeYamlWithItsPlace() {
        MarkedYAMLException e = assertThrows(MarkedYAMLException.class, () -> YamlComposer.compose("a: [1, 2\nb: 3\n"));
        assertTrue(e.getProblemMark().getLine() >= 1);
    }
}
