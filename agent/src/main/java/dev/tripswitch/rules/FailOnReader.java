package dev.tripswitch.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code failOn:}: exception types that fail or are ignored, result predicates, ignored
 * results and SQL states; what is not written is the preset's (or the default).
 */
final class FailOnReader {
    private final YamlReader y;

    FailOnReader(YamlReader y) {
        this.y = y;
    }

    FailOn failOn(YamlNode node, String where, FailOn base) {
        YamlMapping m = y.mapping(node, where);
        if (m == null) {
            return base;
        }
        Map<String, YamlEntry> f = y.fields(m, where,
                List.of("exceptions", "ignore", "result", "ignoreResult", "ignoreSqlStates"));
        List<String> exceptions = base.exceptions();
        if (f.containsKey("exceptions")) {
            exceptions = classNames(f.get("exceptions").value(), where + ".exceptions");
        }
        List<String> ignore = base.ignore();
        if (f.containsKey("ignore")) {
            ignore = classNames(f.get("ignore").value(), where + ".ignore");
        }
        List<ResultExpression> result = f.containsKey("result")
                ? predicates(f.get("result").value(), where + ".result") : base.result();
        List<ResultExpression> ignoreResult = f.containsKey("ignoreResult")
                ? predicates(f.get("ignoreResult").value(), where + ".ignoreResult") : base.ignoreResult();
        List<String> sqlStates = base.ignoreSqlStates();
        if (f.containsKey("ignoreSqlStates")) {
            List<String> s = y.strings(f.get("ignoreSqlStates").value(), where + ".ignoreSqlStates");
            sqlStates = s == null ? sqlStates : s;
        }
        return new FailOn(exceptions, ignore, result, sqlStates, ignoreResult);
    }

    private List<ResultExpression> predicates(YamlNode n, String where) {
        List<String> texts = y.strings(n, where);
        List<ResultExpression> parsed = new ArrayList<>();
        for (String t : texts == null ? List.<String>of() : texts) {
            try {
                parsed.add(ResultExpression.parse(t));
            } catch (IllegalArgumentException e) {
                y.problem(n, where + ": " + e.getMessage());
            }
        }
        return parsed;
    }

    private List<String> classNames(YamlNode n, String where) {
        List<String> names = y.strings(n, where);
        if (names == null) {
            return List.of();
        }
        for (String name : names) {
            if (!YamlReader.CLASS_NAME.matcher(name).matches()) {
                y.problem(n, where + ": '" + name + "' is not a class name (java.io.IOException)");
            }
        }
        return names;
    }
}
