package dev.tripswitch.rules;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** Reads and validates a rules file: the one entry point of the rules layer. */
public final class RulesLoader {
    private RulesLoader() {
    }

    /** Reads {@code path}; every problem of the file is in the exception, with its position. */
    public static RulesFile load(Path path) throws RulesException {
        String name = path.toString();
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new RulesException(List.of(new Problem(name, 1, 1, "no such file (working directory "
                    + Path.of("").toAbsolutePath() + "): pass the rules file as -javaagent:tripswitch-agent.jar=PATH")));
        } catch (IOException e) {
            throw new RulesException(List.of(new Problem(name, 1, 1, "cannot be read: " + e)));
        }
        return parse(text, name);
    }

    /** Parses rules from text; {@code name} is what problems call the file. */
    public static RulesFile parse(String text, String name) throws RulesException {
        return new RulesParser(name, System::getenv).parse(text);
    }
}
