package dev.tripswitch.weaving;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Which subtype patterns a class falls under, from headers: through supertypes that are not
 * loaded (read once from the loader, then remembered), through loaded JDK classes (walked,
 * not read), and never by reading a class twice.
 */
class HierarchyTest {
    interface Service extends java.io.Closeable {
    }

    abstract static class BaseClient implements Service {
    }

    static class Client extends BaseClient {
        @Override
        public void close() {
        }
    }

    static class Unrelated implements Runnable {
        @Override
        public void run() {
        }
    }

    /** Serves the test's class files as resources, and counts what the hierarchy reads. */
    static final class CountingLoader extends ClassLoader {
        final List<String> read = new ArrayList<>();

        CountingLoader() {
            super(HierarchyTest.class.getClassLoader());
        }

        @Override
        public InputStream getResourceAsStream(String name) {
            read.add(name);
            return super.getResourceAsStream(name);
        }
    }

    /** Finds nothing loaded: every supertype not known is read. */
    private static final LoadedTypes.Finder NOTHING_LOADED = (loader, name) -> null;

    /** Reads every supertype it does not know from the loader's resources, as if none were loaded. */
    private static Hierarchy reading(TypePattern... patterns) {
        return new Hierarchy(List.of(patterns), Hierarchy.RESOURCES, NOTHING_LOADED);
    }

    private static ClassHeader header(Class<?> type) throws IOException {
        try (InputStream in = type.getResourceAsStream("/" + resource(type))) {
            return ClassHeader.read(in.readAllBytes());
        }
    }

    private static String resource(Class<?> type) {
        return type.getName().replace('.', '/') + ".class";
    }

    @Test
    void aClassFallsUnderThePatternsOfItsSupertypesReadOnceEach() throws IOException {
        Hierarchy h = reading(new TypePattern(Service.class.getName()), new TypePattern("java.io.Closeable"),
                new TypePattern("java.lang.Runnable"));
        CountingLoader loader = new CountingLoader();

        assertEquals(0b011, h.of(loader, header(Client.class)), "Client -> BaseClient -> Service -> Closeable");
        assertEquals(List.of(resource(BaseClient.class), resource(Service.class)), loader.read,
                "the app supertypes are read from the class's loader, the JDK's are not");

        assertEquals(0b011, h.of(loader, header(Client.class)));
        assertEquals(2, loader.read.size(), "answers are remembered per loader");

        assertEquals(0b100, h.of(loader, header(Unrelated.class)));
        assertEquals(2, loader.read.size(), "a JDK supertype is never read from the application's loader");
    }

    @Test
    void loadedJdkClassesAreWalkedFromTheirClassObjects() {
        List<String> read = new ArrayList<>();
        Hierarchy h = new Hierarchy(List.of(new TypePattern("java.lang.AutoCloseable")), (loader, name) -> {
            read.add(name);
            try (InputStream in = ClassLoader.getPlatformClassLoader().getResourceAsStream(name.replace('.', '/') + ".class")) {
                return ClassHeader.read(in.readAllBytes());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, NOTHING_LOADED);
        h.learnLoaded(new Class<?>[] {java.io.BufferedReader.class, java.io.Reader.class, String.class, int.class,
                String[].class});
        assertEquals(1, h.ofName(null, "java.io.BufferedReader"), "BufferedReader -> Reader -> Closeable -> AutoCloseable");
        assertEquals(0, h.ofName(null, "java.lang.String"));
        assertEquals(List.of(), read, "loaded classes are walked, not read");

        assertEquals(1, h.ofName(null, "java.io.InputStreamReader"), "a JDK class not noted is read instead");
        assertEquals(List.of("java.io.InputStreamReader"), read, "its super class Reader is known by then");
    }

    @Test
    void aJdkTypeTheJvmCanGiveIsWalkedNotRead() {
        List<String> read = new ArrayList<>();
        Hierarchy h = new Hierarchy(List.of(new TypePattern("java.lang.AutoCloseable"), new TypePattern("java.sql.Wrapper")),
                (loader, name) -> {
                    read.add(name);
                    return Hierarchy.RESOURCES.read(loader, name);
                }, LoadedTypes.JVM);
        assertEquals(1, h.ofName(null, "java.io.InputStreamReader"), "InputStreamReader -> Reader -> Closeable -> AutoCloseable");
        assertEquals(List.of(), read, "none of the JDK's classes the agent never weaves is read");

        assertEquals(0b11, h.ofName(null, "javax.sql.rowset.spi.SyncResolver"),
                "SyncResolver -> RowSet -> ResultSet -> Wrapper, AutoCloseable");
        assertEquals("javax.sql.rowset.spi.SyncResolver", read.get(0), "a JDK client not loaded yet is read, not loaded");
    }

    @Test
    void aSupertypeItsLoaderLoadedAlreadyIsWalkedNotRead() throws IOException {
        CountingLoader loader = new CountingLoader();
        List<String> asked = new ArrayList<>();
        Hierarchy h = new Hierarchy(List.of(new TypePattern(Service.class.getName()), new TypePattern("java.io.Closeable")),
                Hierarchy.RESOURCES, (from, name) -> {
                    asked.add(name);
                    return from == loader && name.equals(BaseClient.class.getName()) ? BaseClient.class : null;
                });
        assertEquals(0b11, h.of(loader, header(Client.class)), "BaseClient's Class -> Service -> Closeable");
        assertEquals(List.of(), loader.read, "nothing is read: BaseClient's supertypes come from its Class object");
        assertEquals(List.of(BaseClient.class.getName()), asked, "asked of the loader that defines the subtype");

        assertEquals(0b11, h.of(loader, header(Client.class)));
        assertEquals(1, asked.size(), "a walked class is remembered for the loader that asked: " + asked);
    }

    @Test
    void aRememberedClassIsNotReadAgain() throws IOException {
        Hierarchy h = reading(new TypePattern(Service.class.getName()));
        CountingLoader loader = new CountingLoader();
        h.remember(loader, BaseClient.class.getName(), 1L);
        assertEquals(1, h.of(loader, header(Client.class)));
        assertEquals(List.of(), loader.read);
    }

    @Test
    void answersAreKeptPerLoader() throws IOException {
        Hierarchy h = reading(new TypePattern(Service.class.getName()));
        CountingLoader one = new CountingLoader();
        CountingLoader two = new CountingLoader();
        h.of(one, header(Client.class));
        h.of(two, header(Client.class));
        assertEquals(one.read, two.read, "another loader may hold other classes of the same names");
    }

    @Test
    void noJdkSupertypeIsReadWhenNoPatternCanMatchAJdkName() throws IOException {
        List<String> read = new ArrayList<>();
        Hierarchy.HeaderSource platform = (loader, name) -> {
            read.add(name);
            try (InputStream in = ClassLoader.getPlatformClassLoader().getResourceAsStream(name.replace('.', '/') + ".class")) {
                return in == null ? null : ClassHeader.read(in.readAllBytes());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        Hierarchy libraries = new Hierarchy(List.of(new TypePattern("okhttp3.Call"), new TypePattern("com.acme.*")),
                platform, NOTHING_LOADED);
        assertEquals(0, libraries.ofName(null, "java.io.InputStreamReader"));
        assertEquals(0, libraries.of(null, header(Unrelated.class)));
        assertEquals(List.of(), read, "a JDK type extends only JDK types, which no pattern here can match");

        Hierarchy anyJ = new Hierarchy(List.of(new TypePattern("j*.AutoCloseable")), platform, NOTHING_LOADED);
        assertEquals(1, anyJ.ofName(null, "java.io.InputStreamReader"), "a glob that may reach the JDK still reads");
        assertEquals("java.io.InputStreamReader", read.get(0));
        assertEquals(true, read.contains("java.io.Closeable"), "read up to the pattern's type: " + read);
    }
}
