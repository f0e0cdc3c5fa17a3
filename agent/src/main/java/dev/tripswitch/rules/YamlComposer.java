package dev.tripswitch.rules;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Builds the {@link YamlNode} tree of a rules file from SnakeYAML's parser events. SnakeYAML
 * scans and parses (and reports what is not YAML with its line and column); this class only
 * assembles what it reads, which is what its composer does too, without resolving each
 * value's type: the readers parse the values they expect. It does so because SnakeYAML's composer brings its resolver and tag table, whose
 * regular expressions and class look-ups were about a third of the time the agent took to
 * read its rules at start.
 *
 * <p>Anchors and aliases work as in YAML: an alias is the node its anchor names (the same
 * object). One document per file; at most {@link #MAX_DEPTH} levels of nesting.
 */
final class YamlComposer {
    /** As SnakeYAML's own limit: far more than a rules file needs, far less than the stack holds. */
    static final int MAX_DEPTH = 50;

    private final Parser parser;
    private final Map<String, YamlNode> anchors = new HashMap<>();

    private YamlComposer(String text) {
        LoaderOptions options = new LoaderOptions();
        this.parser = new ParserImpl(new StreamReader(new StringReader(text)), options);
    }

    /**
     * The file's one document, or null when it holds none (empty, or comments only).
     *
     * @throws MarkedYAMLException where the text is not YAML, or holds more than one document
     *     or an alias to no anchor
     */
    static YamlNode compose(String text) {
        return new YamlComposer(text).document();
    }

    private YamlNode document() {
        parser.getEvent(); // stream start
        YamlNode root = null;
        if (!parser.checkEvent(Event.ID.StreamEnd)) {
            parser.getEvent(); // document start
            root = node(0);
            parser.getEvent(); // document end
        }
        if (!parser.checkEvent(Event.ID.StreamEnd)) {
            throw new Malformed("a second YAML document starts here: a rules file holds one; remove this '---' or '...' line",
                    parser.getEvent().getStartMark());
        }
        parser.getEvent(); // stream end
        return root;
    }

    private YamlNode node(int depth) {
        Event event = parser.getEvent();
        if (event instanceof AliasEvent) {
            AliasEvent alias = (AliasEvent) event;
            YamlNode anchored = anchors.get(alias.getAnchor());
            if (anchored == null) {
                throw new Malformed("the alias *" + alias.getAnchor() + " names no anchor: put &" + alias.getAnchor()
                        + " before a value above this line, outside the value this alias is in", event.getStartMark());
            }
            return anchored;
        }
        if (depth >= MAX_DEPTH) {
            throw new Malformed("more than " + MAX_DEPTH + " levels of nesting: a rules file needs a few", event.getStartMark());
        }
        Mark start = event.getStartMark();
        YamlNode node;
        if (event instanceof ScalarEvent) {
            ScalarEvent scalar = (ScalarEvent) event;
            String tag = scalar.getTag() == null || scalar.getTag().equals("!") ? null : scalar.getTag();
            node = new YamlScalar(scalar.getValue(), tag, scalar.getImplicit().canOmitTagInPlainScalar(),
                    start.getLine() + 1, start.getColumn() + 1);
        } else if (event instanceof SequenceStartEvent) {
            List<YamlNode> items = new ArrayList<>();
            while (!parser.checkEvent(Event.ID.SequenceEnd)) {
                items.add(node(depth + 1));
            }
            parser.getEvent();
            node = new YamlSequence(items, start.getLine() + 1, start.getColumn() + 1);
        } else if (event instanceof MappingStartEvent) {
            List<YamlEntry> entries = new ArrayList<>();
            while (!parser.checkEvent(Event.ID.MappingEnd)) {
                YamlNode key = node(depth + 1);
                entries.add(new YamlEntry(key, node(depth + 1)));
            }
            parser.getEvent();
            node = new YamlMapping(entries, start.getLine() + 1, start.getColumn() + 1);
        } else {
            throw new Malformed("unexpected " + event, start); // the parser sends no other event here
        }
        String anchor = ((NodeEvent) event).getAnchor();
        if (anchor != null) {
            anchors.put(anchor, node); // after the node: an alias inside it names no complete node
        }
        return node;
    }

    /** What is wrong, where: read like SnakeYAML's own syntax errors, its message saying what to do. */
    static final class Malformed extends MarkedYAMLException {
        private static final long serialVersionUID = 1L;

        Malformed(String problem, Mark mark) {
            super(null, null, problem, mark);
        }
    }
}
