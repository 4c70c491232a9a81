package io.muxlab.core.mux;

/** What a loop wants to hear about a descriptor: bits for {@link Multiplexer#register}. */
public final class Interest {
    public static final int NONE = 0;
    public static final int READ = 1;
    public static final int WRITE = 2;
    public static final int READ_WRITE = READ | WRITE;

    private Interest() {
    }

    public static String toString(int interest) {
        return switch (interest) {
            case NONE -> "none";
            case READ -> "read";
            case WRITE -> "write";
            case READ_WRITE -> "read|write";
            default -> "interest(" + interest + ")";
        };
    }
}
