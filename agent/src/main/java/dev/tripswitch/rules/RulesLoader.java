package dev.tripswitch.rules;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/** Reads and validates a rules file: the one entry point of the rules layer. */
public final class RulesLoader {
    private RulesLoader() {
    }

    /** The largest rules file read: a real one is a few kilobytes; past this, it is the wrong file. */
    public static final int MAX_BYTES = 1 << 20;

    /**
     * Reads {@code path}; every problem of the file is in the exception, with its position.
     * Nothing else is thrown: a file too large, unreadable or that breaks the parser in any way
     * is one {@link RulesException} saying so. {@code presets} are those a rule may name.
     */
    public static RulesFile load(Path path, PresetCatalog presets) throws RulesException {
        String name = path.toString();
        String text;
        try {
            text = read(path);
        } catch (NoSuchFileException e) {
            throw new RulesException(List.of(new Problem(name, 1, 1, "no such file (working directory "
                    + Path.of("").toAbsolutePath() + "): pass the rules file as -javaagent:tripswitch-agent.jar=PATH")));
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            throw new RulesException(List.of(new Problem(name, 1, 1, "cannot be read: " + e)));
        }
        try {
            return parse(text, name, presets);
        } catch (RulesException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            throw new RulesException(List.of(new Problem(name, 1, 1, "cannot be parsed: " + e
                    + " (is this a rules.yml? see 'java -jar tripswitch-agent.jar check')")));
        }
    }

    /** The file's text, at most {@link #MAX_BYTES}: a larger file (or a device that never ends) is refused unread. */
    private static String read(Path path) throws IOException {
        java.io.File file = path.toFile(); // java.io, not Files: no NIO channel classes to load at start
        if (!file.exists()) {
            throw new NoSuchFileException(path.toString());
        }
        if (file.isFile() && file.length() > MAX_BYTES) {
            throw new IOException(tooLarge(file.length()));
        }
        try (InputStream in = new java.io.FileInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new IOException(tooLarge(-1));
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static String tooLarge(long size) {
        return "the file is " + (size < 0 ? "larger than 1 MiB" : String.format("%,d bytes", size)) + "; a rules file"
                + " is at most 1 MiB (a few kilobytes is usual): is this the right file?";
    }

    /** Parses rules from text; {@code name} is what problems call the file, {@code presets} what it may name. */
    public static RulesFile parse(String text, String name, PresetCatalog presets) throws RulesException {
        return new RulesParser(name, ENVIRONMENT, presets).parse(text);
    }

    /** {@code ${VAR}} in a rules file reads the process's environment; a class, not {@code System::getenv}: no lambda to spin in premain. */
    private static final Function<String, String> ENVIRONMENT = new Function<>() {
        @Override
        public String apply(String variable) {
            return System.getenv(variable);
        }
    };
}
