package dev.tripswitch.weaving;

import dev.tripswitch.bridge.CallKind;
import dev.tripswitch.engine.Permit;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

import static dev.tripswitch.bridge.CallKind.COMPLETE;
import static dev.tripswitch.bridge.CallKind.FUTURE;
import static dev.tripswitch.bridge.CallKind.REACTIVE;
import static dev.tripswitch.bridge.CallKind.START;
import static dev.tripswitch.bridge.CallKind.SYNC;

/**
 * Weaves one method: the breaker's code around its original body, calling the bridge's
 * {@code Dispatcher} (on the bootstrap class path, so reachable from any class).
 *
 * <pre>
 *   self = this; args = new Object[] {...} or null; attempt = 0; depth = Dispatcher.depth(); copies = parameters
 * again:
 *   call = Dispatcher.enter(rule, depth, self, args); permit = Dispatcher.acquire(rule, call); start = 0
 *   if (permit == REJECTED) goto reject
 *   start = Dispatcher.start(rule, depth, call)
 *   try { original body, each return preceded by Dispatcher.exit(rule, depth, call, permit, start, self, value, null, args) }
 *   catch (Throwable t) {
 *       Dispatcher.exit(..., null, t, args);
 *       attempt = Dispatcher.retry(rule, depth, call, attempt, t, name, self, args)   // waits the rule's delay
 *       if (attempt >= 0) { this, parameters = copies; goto again }
 *       throw t;
 *   }
 * reject:
 *   outcome = Dispatcher.rejected(rule, depth, call, Owner.class, "name(desc)", kind, self, args)
 *   if (outcome instanceof Dispatcher.Throw) throw it; else return it (unboxed or cast to the return type)
 * </pre>
 *
 * Only a synchronous method ({@code SYNC}) loops for {@code retry:}; its parameters are
 * copied at entry (no allocation) so that each attempt starts from the caller's values. A
 * method returning a future ({@code FUTURE}) ends with {@code exitAsync}, which records
 * when the future completes (and runs the method again for a retry, from the bridge). A method that only starts a call ({@code START}: OkHttp's
 * {@code enqueue}) also calls {@code Dispatcher.park} once the permit is granted, so the
 * call's completion, which may run on another thread before the method returns, finds it;
 * it ends with {@code exitStarted}. A method through which outcomes arrive ({@code COMPLETE}:
 * a callback's {@code onResponse}) acquires nothing: on entry, and after its body ran or
 * threw, it calls {@code Dispatcher.completed(rule, self, name, args)}.
 *
 * Its own locals follow the method's ({@code base} = the original max locals), and every
 * stack map frame of the original code is extended with them; the handler and the reject
 * block get frames that declare the original locals TOP, so whatever the body stores where
 * verifies. Returning a value boxes it only when the rule reads results; arguments are an
 * array only when the rule reads them.
 */
final class GuardedMethod extends MethodVisitor {
    private static final String DISPATCHER = "dev/tripswitch/bridge/Dispatcher";
    private static final String THROW = "dev/tripswitch/bridge/Dispatcher$Throw";
    private static final String OBJECT = "java/lang/Object";
    private static final String OBJECTS = "[Ljava/lang/Object;";
    private static final String EXIT_DESC = "(ILjava/lang/Object;Ljava/lang/Object;JJLjava/lang/Object;"
            + "Ljava/lang/Object;Ljava/lang/Throwable;[Ljava/lang/Object;)V";
    /** {@code exitAsync} returns the future the method returns (its own, or one a timeout can fail). */
    private static final String ASYNC_EXIT_DESC = EXIT_DESC.replace(")V",
            "Ljava/lang/Class;Ljava/lang/String;)Ljava/lang/Object;");

    private final int rule;
    private final String owner;
    private final String name;
    private final String descriptor;
    private final boolean isStatic;
    private final boolean needsArguments;
    private final boolean needsResult;
    private final CallKind kind;
    private final boolean frames;
    private final boolean classLiterals;
    private final Type[] arguments;
    private final Type returns;
    private final int self;
    private final int args;
    private final int call;
    private final int permit;
    private final int start;
    private final int depth;
    /** Which run of a synchronous method this is: 0, then 1 for the first retry, ... */
    private final int attempt;
    /** Where a synchronous method's parameters are copied at entry, to be put back for a retry. */
    private final int copies;
    private final int copySlots;
    private final int temp;
    private final Label again = new Label();
    private final Label rethrow = new Label();
    private final Label body = new Label();
    private final Label end = new Label();
    private final Label handler = new Label();
    private final Label reject = new Label();

    /**
     * @param base   the method's original max locals: the first slot free for the advice
     * @param frames the class file carries stack map frames (version 50 and later)
     * @param classLiterals the class file may load a class constant (version 49 and later); older
     *                      ones get the declaring class by name, as their own compilers did
     */
    GuardedMethod(MethodVisitor next, int rule, String owner, int access, String name, String descriptor, int base,
                  boolean needsArguments, boolean needsResult, CallKind kind, boolean frames, boolean classLiterals) {
        super(Opcodes.ASM9, next);
        this.rule = rule;
        this.owner = owner;
        this.name = name;
        this.descriptor = descriptor;
        this.isStatic = (access & Opcodes.ACC_STATIC) != 0;
        this.needsArguments = needsArguments || kind != SYNC;
        this.needsResult = needsResult || kind != SYNC;
        this.kind = kind;
        this.frames = frames;
        this.classLiterals = classLiterals;
        this.arguments = Type.getArgumentTypes(descriptor);
        this.returns = Type.getReturnType(descriptor);
        this.self = base;
        this.args = base + 1;
        this.call = base + 2;
        this.permit = base + 3;
        this.start = base + 5;
        this.depth = base + 7;
        this.attempt = base + 8;
        this.copies = base + 9;
        int slots = 0;
        if (kind == SYNC) {
            for (Type t : arguments) {
                slots += t.getSize();
            }
        }
        this.copySlots = slots;
        this.temp = copies + slots;
    }

    @Override
    public void visitCode() {
        super.visitCode();
        if (isStatic) {
            super.visitInsn(Opcodes.ACONST_NULL);
        } else {
            super.visitVarInsn(Opcodes.ALOAD, 0);
        }
        super.visitVarInsn(Opcodes.ASTORE, self);
        if (needsArguments) {
            argumentArray();
        } else {
            super.visitInsn(Opcodes.ACONST_NULL);
        }
        super.visitVarInsn(Opcodes.ASTORE, args);
        super.visitInsn(Opcodes.ICONST_0);
        super.visitVarInsn(Opcodes.ISTORE, attempt);
        if (kind == COMPLETE || kind == REACTIVE) {
            // no breaker here: the locals the frames declare are set, and the body runs inside the handler
            super.visitInsn(Opcodes.ACONST_NULL);
            super.visitVarInsn(Opcodes.ASTORE, depth);
            clearCallLocals();
            if (kind == COMPLETE) {
                completed(); // before the application's callback sees the outcome, so its next call sees the verdict
            }
            super.visitLabel(body);
            return;
        }
        super.visitMethodInsn(Opcodes.INVOKESTATIC, DISPATCHER, "depth", "()Ljava/lang/Object;", false);
        super.visitVarInsn(Opcodes.ASTORE, depth);
        if (kind == SYNC) {
            retryEntry();
        } else {
            clearCallLocals();
            super.visitLabel(again); // where a call its rule can no longer answer for starts over
            entryFrame();
        }
        pushInt(rule);
        super.visitVarInsn(Opcodes.ALOAD, depth);
        super.visitVarInsn(Opcodes.ALOAD, self);
        super.visitVarInsn(Opcodes.ALOAD, args);
        super.visitMethodInsn(Opcodes.INVOKESTATIC, DISPATCHER, "enter",
                "(ILjava/lang/Object;Ljava/lang/Object;[Ljava/lang/Object;)Ljava/lang/Object;", false);
        super.visitVarInsn(Opcodes.ASTORE, call);
        pushInt(rule);
        super.visitVarInsn(Opcodes.ALOAD, call);
        super.visitMethodInsn(Opcodes.INVOKESTATIC, DISPATCHER, "acquire", "(ILjava/lang/Object;)J", false);
        super.visitVarInsn(Opcodes.LSTORE, permit);
        super.visitInsn(Opcodes.LCONST_0);
        super.visitVarInsn(Opcodes.LSTORE, start);
        super.visitVarInsn(Opcodes.LLOAD, permit);
        super.visitLdcInsn(Permit.REJECTED);
        super.visitInsn(Opcodes.LCMP);
        super.visitJumpInsn(Opcodes.IFEQ, reject);
        pushInt(rule);
        super.visitVarInsn(Opcodes.ALOAD, depth);
        super.visitVarInsn(Opcodes.ALOAD, call);
        super.visitMethodInsn(Opcodes.INVOKESTATIC, DISPATCHER, "start", "(ILjava/lang/Object;Ljava/lang/Object;)J", false);
        super.visitVarInsn(Opcodes.LSTORE, start);
        if (kind == START) {
            exitCall();
            super.visitVarInsn(Opcodes.ALOAD, args);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, DISPATCHER, "park",
                    "(ILjava/lang/Object;Ljava/lang/Object;JJLjava/lang/Object;[Ljava/lang/Object;)V", false);
        }
        super.visitLabel(body);
    }

    /**
     * Where a retry starts over: the advice's locals all set (a frame declares them), the
     * parameters copied so that a retry runs with the values the caller passed, whatever the
     * body stored into them.
     */
    private void retryEntry() {
        clearCallLocals();
        copyParameters(true);
        super.visitLabel(again);
        entryFrame();
    }

    /**
     * The frame at {@link #again}, and at the reject block, which only the entry jumps to:
     * {@code this} and the parameters as the caller passed them, and the advice's locals.
     */
    private void entryFrame() {
        if (frames) {
            Object[] parameters = new Object[arguments.length + (isStatic ? 0 : 1)];
            int i = 0;
            if (!isStatic) {
                parameters[i++] = owner;
            }
            for (Type t : arguments) {
                parameters[i++] = verifierType(t);
            }
            Object[] locals = withAdviceLocals(parameters, parameters.length);
            super.visitFrame(Opcodes.F_NEW, locals.length, locals, 0, new Object[0]);
        }
    }

    /** {@code call = null; permit = 0; start = 0}: set before any frame declares them. */
    private void clearCallLocals() {
        super.visitInsn(Opcodes.ACONST_NULL);
        super.visitVarInsn(Opcodes.ASTORE, call);
        super.visitInsn(Opcodes.LCONST_0);
        super.visitVarInsn(Opcodes.LSTORE, permit);
        super.visitInsn(Opcodes.LCONST_0);
        super.visitVarInsn(Opcodes.LSTORE, start);
    }

    /** After a failed attempt: {@code this} and the parameters as the caller passed them, for the next. */
    private void restoreParameters() {
        if (!isStatic) { // the handler's frame forgot what slot 0 held
            super.visitVarInsn(Opcodes.ALOAD, self);
            super.visitTypeInsn(Opcodes.CHECKCAST, owner);
            super.visitVarInsn(Opcodes.ASTORE, 0);
        }
        copyParameters(false);
    }

    /** Copies each parameter to its copy slot ({@code save}), or back from it. */
    private void copyParameters(boolean save) {
        int slot = isStatic ? 0 : 1;
        int copy = copies;
        for (Type t : arguments) {
            super.visitVarInsn(t.getOpcode(Opcodes.ILOAD), save ? slot : copy);
            super.visitVarInsn(t.getOpcode(Opcodes.ISTORE), save ? copy : slot);
            slot += t.getSize();
            copy += t.getSize();
        }
    }

    /** How a stack map frame declares a local of this type. */
    private static Object verifierType(Type t) {
        switch (t.getSort()) {
            case Type.BOOLEAN: case Type.CHAR: case Type.BYTE: case Type.SHORT: case Type.INT:
                return Opcodes.INTEGER;
            case Type.FLOAT:
                return Opcodes.FLOAT;
            case Type.LONG:
                return Opcodes.LONG;
            case Type.DOUBLE:
                return Opcodes.DOUBLE;
            case Type.ARRAY:
                return t.getDescriptor();
            default:
                return t.getInternalName();
        }
    }

    @Override
    public void visitInsn(int opcode) {
        if (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
            beforeReturn();
        }
        super.visitInsn(opcode);
    }

    /** The value being returned is on the stack: record the call, and leave the value as it was. */
    private void beforeReturn() {
        boolean value = returns.getSort() != Type.VOID;
        if (kind == COMPLETE) {
            completed();
            return;
        }
        if (kind == REACTIVE) { // the publisher on the stack is replaced by the guarding one
            super.visitVarInsn(Opcodes.ASTORE, temp);
            pushInt(rule);
            super.visitVarInsn(Opcodes.ALOAD, self);
            super.visitVarInsn(Opcodes.ALOAD, temp);
            super.visitVarInsn(Opcodes.ALOAD, args);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, DISPATCHER, "subscribed",
                    "(ILjava/lang/Object;Ljava/lang/Object;[Ljava/lang/Object;)Ljava/lang/Object;", false);
            super.visitTypeInsn(Opcodes.CHECKCAST, returns.getInternalName());
            return;
        }
        if (value) {
            super.visitVarInsn(returns.getOpcode(Opcodes.ISTORE), temp);
        }
        exitCall();
        if (value && needsResult) {
            super.visitVarInsn(returns.getOpcode(Opcodes.ILOAD), temp);
            box(returns);
        } else {
            super.visitInsn(Opcodes.ACONST_NULL);
        }
        super.visitInsn(Opcodes.ACONST_NULL);
        super.visitVarInsn(Opcodes.ALOAD, args);
        if (kind == FUTURE) { // the future to return comes back from exitAsync
            origin();
            super.visitMethodInsn(Opcodes.INVOKESTATIC, DISPATCHER, exitMethod(), ASYNC_EXIT_DESC, false);
            super.visitTypeInsn(Opcodes.CHECKCAST, returns.getInternalName());
            return;
        }
        super.visitMethodInsn(Opcodes.INVOKESTATIC, DISPATCHER, exitMethod(), EXIT_DESC, false);
        if (value) {
            super.visitVarInsn(returns.getOpcode(Opcodes.ILOAD), temp);
        }
    }

    private String exitMethod() {
        switch (kind) {
            case FUTURE:
                return "exitAsync";
            case START:
                return "exitStarted";
            default:
                return "exit";
        }
    }

    /** Pushes the declaring class and the method's name and descriptor: what a retry needs to run it again. */
    private void origin() {
        if (classLiterals) {
            super.visitLdcInsn(Type.getObjectType(owner));
        } else { // Class.forName is caller-sensitive: the woven class's own loader finds it
            super.visitLdcInsn(owner.replace('/', '.'));
            super.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Class", "forName",
                    "(Ljava/lang/String;)Ljava/lang/Class;", false);
        }
        super.visitLdcInsn(name + descriptor);
    }

    /** {@code Dispatcher.completed(rule, self, name, args)}: leaves the stack as it was. */
    private void completed() {
        pushInt(rule);
        super.visitVarInsn(Opcodes.ALOAD, self);
        super.visitLdcInsn(name);
        super.visitVarInsn(Opcodes.ALOAD, args);
        super.visitMethodInsn(Opcodes.INVOKESTATIC, DISPATCHER, "completed",
                "(ILjava/lang/Object;Ljava/lang/String;[Ljava/lang/Object;)V", false);
    }

    /** Pushes the arguments of {@code Dispatcher.exit} up to {@code self}. */
    private void exitCall() {
        pushInt(rule);
        super.visitVarInsn(Opcodes.ALOAD, depth);
        super.visitVarInsn(Opcodes.ALOAD, call);
        super.visitVarInsn(Opcodes.LLOAD, permit);
        super.visitVarInsn(Opcodes.LLOAD, start);
        super.visitVarInsn(Opcodes.ALOAD, self);
    }

    @Override
    public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
        if (type != Opcodes.F_NEW) {
            super.visitFrame(type, numLocal, local, numStack, stack); // not expanded: cannot happen with EXPAND_FRAMES
            return;
        }
        Object[] extended = withAdviceLocals(local, numLocal);
        super.visitFrame(Opcodes.F_NEW, extended.length, extended, numStack, stack);
    }

    /** The frame's locals padded with TOP up to {@link #self}, then the advice's own. */
    private Object[] withAdviceLocals(Object[] local, int numLocal) {
        int slots = 0;
        for (int i = 0; i < numLocal; i++) {
            slots += local[i] == Opcodes.LONG || local[i] == Opcodes.DOUBLE ? 2 : 1;
        }
        int padding = Math.max(0, self - slots);
        Object[] out = new Object[numLocal + padding + 7 + (kind == SYNC ? arguments.length : 0)];
        System.arraycopy(local, 0, out, 0, numLocal);
        for (int i = 0; i < padding; i++) {
            out[numLocal + i] = Opcodes.TOP;
        }
        int at = numLocal + padding;
        out[at] = OBJECT;
        out[at + 1] = OBJECTS;
        out[at + 2] = OBJECT;
        out[at + 3] = Opcodes.LONG;
        out[at + 4] = Opcodes.LONG;
        out[at + 5] = OBJECT;
        out[at + 6] = Opcodes.INTEGER;
        if (kind == SYNC) {
            for (int i = 0; i < arguments.length; i++) {
                out[at + 7 + i] = verifierType(arguments[i]);
            }
        }
        return out;
    }

    /** A frame with the original locals TOP and the advice's own: what the handler and the reject block see. */
    private void adviceFrame(Object... stack) {
        if (frames) {
            Object[] locals = withAdviceLocals(new Object[0], 0);
            super.visitFrame(Opcodes.F_NEW, locals.length, locals, stack.length, stack);
        }
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        super.visitLabel(end);
        super.visitLabel(handler);
        adviceFrame("java/lang/Throwable");
        super.visitVarInsn(Opcodes.ASTORE, temp);
        if (kind == COMPLETE) {
            completed(); // the application's own exception goes on unchanged; the outcome is in the arguments
        } else if (kind == REACTIVE) {
            // threw before returning a publisher: no subscription, nothing to count
        } else {
            exitCall();
            super.visitInsn(Opcodes.ACONST_NULL);
            super.visitVarInsn(Opcodes.ALOAD, temp);
            super.visitVarInsn(Opcodes.ALOAD, args);
            if (kind == FUTURE) {
                origin();
                super.visitMethodInsn(Opcodes.INVOKESTATIC, DISPATCHER, exitMethod(), ASYNC_EXIT_DESC, false);
                super.visitInsn(Opcodes.POP);
            } else {
                super.visitMethodInsn(Opcodes.INVOKESTATIC, DISPATCHER, exitMethod(), EXIT_DESC, false);
            }
            if (kind == SYNC) {
                retryOrRethrow();
            }
        }
        super.visitVarInsn(Opcodes.ALOAD, temp);
        super.visitInsn(Opcodes.ATHROW);
        if (kind == COMPLETE || kind == REACTIVE) {
            super.visitTryCatchBlock(body, end, handler, "java/lang/Throwable");
            super.visitMaxs(maxStack, maxLocals);
            return; // no rejection: nothing is acquired here
        }

        super.visitLabel(reject);
        entryFrame(); // reached from the entry only: the parameters are the caller's, so the call may start over
        pushInt(rule);
        super.visitVarInsn(Opcodes.ALOAD, depth);
        super.visitVarInsn(Opcodes.ALOAD, call);
        origin();
        pushInt(kind.ordinal());
        super.visitVarInsn(Opcodes.ALOAD, self);
        super.visitVarInsn(Opcodes.ALOAD, args);
        super.visitMethodInsn(Opcodes.INVOKESTATIC, DISPATCHER, "rejected",
                "(ILjava/lang/Object;Ljava/lang/Object;Ljava/lang/Class;Ljava/lang/String;ILjava/lang/Object;"
                        + "[Ljava/lang/Object;)"
                        + "Ljava/lang/Object;", false);
        Label answered = new Label();
        super.visitInsn(Opcodes.DUP);
        super.visitFieldInsn(Opcodes.GETSTATIC, DISPATCHER, "RUN", "Ljava/lang/Object;");
        super.visitJumpInsn(Opcodes.IF_ACMPNE, answered);
        super.visitInsn(Opcodes.POP); // nobody answers for the rule any more (a reload removed it): run the call
        super.visitJumpInsn(Opcodes.GOTO, again);
        super.visitLabel(answered);
        adviceFrame(OBJECT);
        Label value = new Label();
        super.visitInsn(Opcodes.DUP);
        super.visitTypeInsn(Opcodes.INSTANCEOF, THROW);
        super.visitJumpInsn(Opcodes.IFEQ, value);
        super.visitTypeInsn(Opcodes.CHECKCAST, THROW);
        super.visitFieldInsn(Opcodes.GETFIELD, THROW, "throwable", "Ljava/lang/Throwable;");
        super.visitInsn(Opcodes.ATHROW);
        super.visitLabel(value);
        adviceFrame(OBJECT);
        returnOutcome();
        super.visitTryCatchBlock(body, end, handler, "java/lang/Throwable");
        super.visitMaxs(maxStack, maxLocals);
    }

    /**
     * {@code attempt = Dispatcher.retry(...)}: a non-negative attempt runs the method again from
     * {@link #again} with the caller's parameters; -1 falls through to rethrow the failure.
     */
    private void retryOrRethrow() {
        pushInt(rule);
        super.visitVarInsn(Opcodes.ALOAD, depth);
        super.visitVarInsn(Opcodes.ALOAD, call);
        super.visitVarInsn(Opcodes.ILOAD, attempt);
        super.visitVarInsn(Opcodes.ALOAD, temp);
        super.visitLdcInsn(name);
        super.visitVarInsn(Opcodes.ALOAD, self);
        super.visitVarInsn(Opcodes.ALOAD, args);
        super.visitMethodInsn(Opcodes.INVOKESTATIC, DISPATCHER, "retry",
                "(ILjava/lang/Object;Ljava/lang/Object;ILjava/lang/Throwable;Ljava/lang/String;Ljava/lang/Object;"
                        + "[Ljava/lang/Object;)I",
                false);
        super.visitVarInsn(Opcodes.ISTORE, attempt);
        super.visitVarInsn(Opcodes.ILOAD, attempt);
        super.visitJumpInsn(Opcodes.IFLT, rethrow);
        restoreParameters();
        super.visitJumpInsn(Opcodes.GOTO, again);
        super.visitLabel(rethrow);
        if (frames) { // the failure in temp, right after the advice's locals, is live here
            Object[] base = withAdviceLocals(new Object[0], 0);
            Object[] locals = java.util.Arrays.copyOf(base, base.length + 1);
            locals[base.length] = "java/lang/Throwable";
            super.visitFrame(Opcodes.F_NEW, locals.length, locals, 0, new Object[0]);
        }
    }

    /** Returns the rejected call's answer (on the stack, an Object) as the method's return type. */
    private void returnOutcome() {
        switch (returns.getSort()) {
            case Type.VOID: {
                super.visitInsn(Opcodes.POP);
                super.visitInsn(Opcodes.RETURN);
                break;
            }
            case Type.BOOLEAN:
                unbox("java/lang/Boolean", "booleanValue", "()Z", Opcodes.IRETURN);
                break;
            case Type.CHAR:
                unbox("java/lang/Character", "charValue", "()C", Opcodes.IRETURN);
                break;
            case Type.BYTE:
                unbox("java/lang/Number", "byteValue", "()B", Opcodes.IRETURN);
                break;
            case Type.SHORT:
                unbox("java/lang/Number", "shortValue", "()S", Opcodes.IRETURN);
                break;
            case Type.INT:
                unbox("java/lang/Number", "intValue", "()I", Opcodes.IRETURN);
                break;
            case Type.LONG:
                unbox("java/lang/Number", "longValue", "()J", Opcodes.LRETURN);
                break;
            case Type.FLOAT:
                unbox("java/lang/Number", "floatValue", "()F", Opcodes.FRETURN);
                break;
            case Type.DOUBLE:
                unbox("java/lang/Number", "doubleValue", "()D", Opcodes.DRETURN);
                break;
            default: {
                super.visitTypeInsn(Opcodes.CHECKCAST, returns.getInternalName());
                super.visitInsn(Opcodes.ARETURN);
                break;
            }
        }
    }

    private void unbox(String type, String method, String desc, int returnOpcode) {
        super.visitTypeInsn(Opcodes.CHECKCAST, type);
        super.visitMethodInsn(Opcodes.INVOKEVIRTUAL, type, method, desc, false);
        super.visitInsn(returnOpcode);
    }

    private void argumentArray() {
        pushInt(arguments.length);
        super.visitTypeInsn(Opcodes.ANEWARRAY, OBJECT);
        int slot = isStatic ? 0 : 1;
        for (int i = 0; i < arguments.length; i++) {
            super.visitInsn(Opcodes.DUP);
            pushInt(i);
            super.visitVarInsn(arguments[i].getOpcode(Opcodes.ILOAD), slot);
            box(arguments[i]);
            super.visitInsn(Opcodes.AASTORE);
            slot += arguments[i].getSize();
        }
    }

    private void box(Type type) {
        String boxed;
        switch (type.getSort()) {
            case Type.BOOLEAN:
                boxed = "java/lang/Boolean";
                break;
            case Type.CHAR:
                boxed = "java/lang/Character";
                break;
            case Type.BYTE:
                boxed = "java/lang/Byte";
                break;
            case Type.SHORT:
                boxed = "java/lang/Short";
                break;
            case Type.INT:
                boxed = "java/lang/Integer";
                break;
            case Type.LONG:
                boxed = "java/lang/Long";
                break;
            case Type.FLOAT:
                boxed = "java/lang/Float";
                break;
            case Type.DOUBLE:
                boxed = "java/lang/Double";
                break;
            default:
                boxed = null;
                break;
        }
        if (boxed != null) {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, boxed, "valueOf", "(" + type.getDescriptor() + ")L" + boxed + ";",
                    false);
        }
    }

    private void pushInt(int value) {
        if (value >= -1 && value <= 5) {
            super.visitInsn(Opcodes.ICONST_0 + value);
        } else if (value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE) {
            super.visitIntInsn(Opcodes.BIPUSH, value);
        } else if (value >= Short.MIN_VALUE && value <= Short.MAX_VALUE) {
            super.visitIntInsn(Opcodes.SIPUSH, value);
        } else {
            super.visitLdcInsn(value);
        }
    }
}
