package io.muxlab.core.echo;

import java.util.Locale;

/**
 * {@code --pitfall NAME}: one classic event-loop mistake, switched on in the one place it belongs,
 * so its cost can be run and measured next to the correct loop. Each branch that takes it is
 * marked {@code PITFALL} in the code, beside the line that does it right. docs/pitfalls.md walks
 * through each one: predict, run, see, why, fix.
 */
public enum Pitfall {
    /** The correct loop. */
    NONE("none", "", "", false),
    /** The wait's timeout is always 0 (the pyxmpp2 main loop's bug). In {@link EchoLoop}. */
    BUSY_POLL("busy-poll", "an idle server burns a whole core: every wait returns at once with nothing",
            "block in the wait when there is nothing to do: timeout -1, or until the next deadline", false),
    /** Write interest always on, level-triggered. In {@link Connection#wantedInterest()}. */
    ALWAYS_WRITABLE("always-writable", "idle connections wake the loop on every wait: an idle socket is always writable",
            "ask for writability only while bytes wait after a short write", false),
    /** One read per edge-triggered event. In {@link Connection}'s read. */
    SINGLE_READ("single-read", "a connection with more than one buffer of input stalls: no new edge comes for bytes already queued",
            "under EPOLLET read until EAGAIN (or a short read)", true),
    /** EPOLLRDHUP ignored, edge-triggered. In {@link Connection#ready}. */
    IGNORE_RDHUP("ignore-rdhup", "a peer that sends and half-closes at once hangs: its FIN raises no edge behind the bytes",
            "after EPOLLRDHUP read on to end of stream (read returns 0), past a short read", true),
    /** No backpressure. In {@link Connection}'s buffer. */
    UNBOUNDED("unbounded", "a peer that never reads grows the server's memory without limit",
            "cap what one connection may hold (--buffer-limit) and stop reading from it at the cap", false);

    private final String cliName;
    private final String symptom;
    private final String fix;
    private final boolean edgeTriggered;

    Pitfall(String cliName, String symptom, String fix, boolean edgeTriggered) {
        this.cliName = cliName;
        this.symptom = symptom;
        this.fix = fix;
        this.edgeTriggered = edgeTriggered;
    }

    /** The name {@code --pitfall} takes. */
    public String cliName() {
        return cliName;
    }

    /** What goes wrong, in one line. */
    public String symptom() {
        return symptom;
    }

    /** The one-line fix. */
    public String fix() {
        return fix;
    }

    /** True if the mistake only exists under edge-triggered readiness (epoll's EPOLLET). */
    public boolean edgeTriggered() {
        return edgeTriggered;
    }

    /** The pitfall called {@code name} on the command line. */
    public static Pitfall named(String name) {
        for (Pitfall p : values()) {
            if (p.cliName.equals(name.trim().toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new IllegalArgumentException("no pitfall '" + name + "'; known: " + names());
    }

    /** Every pitfall's name, comma-separated, {@code none} left out. */
    public static String names() {
        StringBuilder b = new StringBuilder();
        for (Pitfall p : values()) {
            if (p != NONE) {
                b.append(b.length() == 0 ? "" : ", ").append(p.cliName);
            }
        }
        return b.toString();
    }
}
