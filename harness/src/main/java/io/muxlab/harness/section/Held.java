package io.muxlab.harness.section;

/**
 * How many repeats of a run a claim or a target held in: the captions say "in 2 of 3 repeats"
 * beside a comparison, the verdict tables "met", "met in 2 of 3" or "missed". A repeat that did
 * not measure both sides of the comparison counts in neither figure.
 *
 * @param held the repeats in which it held
 * @param of the repeats that measured it
 */
public record Held(int held, int of) {
    public static final Held NOT_MEASURED = new Held(0, 0);

    public Held {
        if (held < 0 || held > of) {
            throw new IllegalArgumentException("held " + held + " of " + of);
        }
    }

    /** One more repeat, in which it held or did not. */
    public Held and(boolean heldThisTime) {
        return new Held(held + (heldThisTime ? 1 : 0), of + 1);
    }

    public boolean measured() {
        return of > 0;
    }

    public boolean always() {
        return of > 0 && held == of;
    }

    public boolean never() {
        return of > 0 && held == 0;
    }

    /** As a verdict: {@code met}, {@code met in 2 of 3}, {@code missed}, or {@code not measured}. */
    public String verdict() {
        if (of == 0) {
            return "not measured";
        }
        return held == of ? "met" : held == 0 ? "missed" : "met in " + held + " of " + of;
    }

    /** The count alone: {@code 2 of 3 repeats}, {@code 0 of 1 run}. */
    public String tally() {
        return held + " of " + of + (of == 1 ? " run" : " repeats");
    }

    /** Beside a comparison: {@code in 3 of 3 repeats}, or {@code in its one run} when there was one. */
    public String repeats() {
        if (of == 0) {
            return "in no repeat";
        }
        return of == 1 ? (held == 1 ? "in its one run" : "not in its one run") : "in " + held + " of " + of + " repeats";
    }
}
