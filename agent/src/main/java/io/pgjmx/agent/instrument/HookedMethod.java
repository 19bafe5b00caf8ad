package io.pgjmx.agent.instrument;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Injects a method's hooks as it is copied: the enter hooks before the first instruction, the return hooks
 * before each return, and the throw hooks in one handler that covers the method's own code and rethrows.
 * The handler is the last entry of the exception table, so the method's own handlers still come first.
 *
 * <p>The class is read with expanded frames; the handler's frame is the method's parameters (what javac's
 * frames hold in those slots throughout) and the throwable. No local is added, so the method's frames stay
 * as they are; the stack grows by at most {@link #EXTRA_STACK}.
 */
final class HookedMethod extends MethodVisitor {

    static final String BRIDGE = "io/pgjmx/bridge/PgjmxBridge";
    private static final int EXTRA_STACK = 4;

    private final String owner;
    private final boolean isStatic;
    private final Map<String, String> fields;
    private final Type[] parameters;
    private final Type returned;
    private final List<Hook> enter = new ArrayList<>(1);
    private final List<Hook> onReturn = new ArrayList<>(2);
    private final List<Hook> onThrow = new ArrayList<>(2);
    private final Label start = new Label();
    private final Label handler = new Label();

    /**
     * {@code fields}: name to descriptor of the fields the class declares. A hook whose values cannot be had
     * here (an argument of a primitive type, a field the class lacks, {@code this} in a constructor before it
     * is built) is left out.
     */
    HookedMethod(MethodVisitor target, String owner, int access, String name, String descriptor, List<Hook> hooks,
            Map<String, String> fields) {
        super(Opcodes.ASM9, target);
        this.owner = owner;
        this.isStatic = (access & Opcodes.ACC_STATIC) != 0;
        this.fields = fields;
        this.parameters = Type.getArgumentTypes(descriptor);
        this.returned = Type.getReturnType(descriptor);
        boolean constructor = name.equals("<init>");
        for (Hook hook : hooks) {
            if (!available(hook)) {
                continue;
            }
            if (hook.at() == Hook.At.ENTER && !constructor) {
                enter.add(hook);
            }
            if (hook.runsOnReturn()) {
                onReturn.add(hook);
            }
            // a handler over a constructor would have to know where super() ran; no family needs one
            if (hook.runsOnThrow() && !constructor) {
                onThrow.add(hook);
            }
        }
    }

    boolean hasHooks() {
        return !enter.isEmpty() || !onReturn.isEmpty() || !onThrow.isEmpty();
    }

    private boolean available(Hook hook) {
        for (Hook.Value v : hook.values()) {
            boolean ok = switch (v.kind()) {
                case ARGUMENT -> v.argument() < parameters.length && isReference(parameters[v.argument()]);
                case RETURNED -> isReference(returned);
                case FIELD -> !isStatic && fields.containsKey(v.field()) && fields.get(v.field()).length() > 1;
                case THIS -> !isStatic;
                default -> true;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean isReference(Type type) {
        return type.getSort() == Type.OBJECT || type.getSort() == Type.ARRAY;
    }

    @Override
    public void visitCode() {
        super.visitCode();
        for (Hook hook : enter) {
            call(hook);
        }
        if (!onThrow.isEmpty()) {
            super.visitLabel(start);
        }
    }

    @Override
    public void visitInsn(int opcode) {
        if (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
            for (Hook hook : onReturn) {
                call(hook);
            }
        }
        super.visitInsn(opcode);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        if (!onThrow.isEmpty()) {
            super.visitLabel(handler);
            Object[] locals = parameterFrame();
            super.visitFrame(Opcodes.F_NEW, locals.length, locals, 1,
                    new Object[] {"java/lang/Throwable"});
            for (Hook hook : onThrow) {
                call(hook);
            }
            super.visitInsn(Opcodes.ATHROW);
            super.visitTryCatchBlock(start, handler, handler, "java/lang/Throwable");
        }
        super.visitMaxs(maxStack + EXTRA_STACK, maxLocals);
    }

    /**
     * Pushes the hook's values and calls the bridge. What was returned or thrown is on top of the stack: it is
     * duplicated when it goes first, and brought above the one value before it ({@code dup2; pop}) when second.
     */
    private void call(Hook hook) {
        List<Hook.Value> values = hook.values();
        for (int i = 0; i < values.size(); i++) {
            Hook.Value v = values.get(i);
            switch (v.kind()) {
                case THIS -> super.visitVarInsn(Opcodes.ALOAD, 0);
                case ARGUMENT -> super.visitVarInsn(Opcodes.ALOAD, slotOf(v.argument()));
                case FIELD -> {
                    super.visitVarInsn(Opcodes.ALOAD, 0);
                    super.visitFieldInsn(Opcodes.GETFIELD, owner, v.field(), fields.get(v.field()));
                }
                case RETURNED, THROWN -> {
                    if (i == 0) {
                        super.visitInsn(Opcodes.DUP);
                    } else {
                        super.visitInsn(Opcodes.DUP2);
                        super.visitInsn(Opcodes.POP);
                    }
                }
                default -> throw new IllegalStateException(v.kind().toString());
            }
        }
        super.visitMethodInsn(Opcodes.INVOKESTATIC, BRIDGE, hook.bridgeMethod(), hook.descriptor(), false);
    }

    private int slotOf(int argument) {
        int slot = isStatic ? 0 : 1;
        for (int i = 0; i < argument; i++) {
            slot += parameters[i].getSize();
        }
        return slot;
    }

    /** {@code this} (unless static) and the parameters, as an expanded frame names them. */
    private Object[] parameterFrame() {
        int first = isStatic ? 0 : 1;
        Object[] locals = new Object[parameters.length + first];
        if (!isStatic) {
            locals[0] = owner;
        }
        for (int i = 0; i < parameters.length; i++) {
            Type t = parameters[i];
            locals[i + first] = switch (t.getSort()) {
                case Type.BOOLEAN, Type.BYTE, Type.CHAR, Type.SHORT, Type.INT -> Opcodes.INTEGER;
                case Type.FLOAT -> Opcodes.FLOAT;
                case Type.LONG -> Opcodes.LONG;
                case Type.DOUBLE -> Opcodes.DOUBLE;
                case Type.ARRAY -> t.getDescriptor();
                default -> t.getInternalName();
            };
        }
        return locals;
    }
}
