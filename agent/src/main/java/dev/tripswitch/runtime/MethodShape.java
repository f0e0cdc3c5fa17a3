package dev.tripswitch.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * The parameter and return types of a woven method, read from the name and descriptor the
 * advice passes ({@code charge(Ljava/lang/String;J)Ljava/lang/Object;}) and resolved in the
 * class loader of the class that declares it.
 */
final class MethodShape {
    private final String name;
    private final Class<?>[] parameters;
    private final Class<?> returnType;
    private final Class<?>[] declaredExceptions;

    MethodShape(String name, Class<?>[] parameters, Class<?> returnType, Class<?>[] declaredExceptions) {
        this.name = name;
        this.parameters = parameters;
        this.returnType = returnType;
        this.declaredExceptions = declaredExceptions;
    }

    public String name() {
        return name;
    }

    public Class<?>[] parameters() {
        return parameters;
    }

    public Class<?> returnType() {
        return returnType;
    }

    public Class<?>[] declaredExceptions() {
        return declaredExceptions;
    }


    static MethodShape of(Class<?> origin, String nameAndDescriptor) throws ClassNotFoundException {
        int open = nameAndDescriptor.indexOf('(');
        int close = nameAndDescriptor.indexOf(')');
        String name = nameAndDescriptor.substring(0, open);
        ClassLoader loader = origin.getClassLoader();
        List<Class<?>> params = new ArrayList<>();
        int i = open + 1;
        while (i < close) {
            int end = typeEnd(nameAndDescriptor, i);
            params.add(resolve(nameAndDescriptor.substring(i, end), loader));
            i = end;
        }
        Class<?> returns = resolve(nameAndDescriptor.substring(close + 1), loader);
        Class<?>[] paramArray = params.toArray(new Class<?>[0]);
        return new MethodShape(name, paramArray, returns, declaredAnywhere(origin, name, paramArray));
    }

    /**
     * What the method declares, here or in any supertype it overrides: callers often call an
     * implementation through its interface ({@code okhttp3.Call.execute() throws IOException},
     * implemented by Kotlin's {@code RealCall.execute()}, which declares nothing), and can
     * catch what the interface declares.
     */
    private static Class<?>[] declaredAnywhere(Class<?> origin, String name, Class<?>[] params) {
        List<Class<?>> out = new ArrayList<>();
        List<Class<?>> todo = new ArrayList<>(List.of(origin));
        java.util.Set<Class<?>> seen = new java.util.HashSet<>();
        while (!todo.isEmpty()) {
            Class<?> type = todo.remove(todo.size() - 1);
            if (type == null || !seen.add(type)) {
                continue;
            }
            try {
                out.addAll(List.of(type.getDeclaredMethod(name, params).getExceptionTypes()));
            } catch (NoSuchMethodException | SecurityException | LinkageError e) {
                // not declared on this type; its supertypes may
            }
            todo.add(type.getSuperclass());
            todo.addAll(List.of(type.getInterfaces()));
        }
        return out.toArray(new Class<?>[0]);
    }

    private static int typeEnd(String d, int i) {
        while (d.charAt(i) == '[') {
            i++;
        }
        return d.charAt(i) == 'L' ? d.indexOf(';', i) + 1 : i + 1;
    }

    static Class<?> resolve(String descriptor, ClassLoader loader) throws ClassNotFoundException {
        switch (descriptor) {
            case "V": return void.class;
            case "Z": return boolean.class;
            case "B": return byte.class;
            case "C": return char.class;
            case "S": return short.class;
            case "I": return int.class;
            case "J": return long.class;
            case "F": return float.class;
            case "D": return double.class;
            default:
                String name = descriptor.startsWith("L")
                        ? descriptor.substring(1, descriptor.length() - 1).replace('/', '.')
                        : descriptor.replace('/', '.');
                return Class.forName(name, false, loader);
        }
    }

    /** True when the method may throw {@code type} without surprising its callers. */
    boolean declares(Class<?> type) {
        if (RuntimeException.class.isAssignableFrom(type) || Error.class.isAssignableFrom(type)) {
            return true;
        }
        for (Class<?> declared : declaredExceptions) {
            if (declared.isAssignableFrom(type)) {
                return true;
            }
        }
        return false;
    }
}
