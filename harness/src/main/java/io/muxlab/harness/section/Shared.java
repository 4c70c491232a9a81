package io.muxlab.harness.section;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What runs share across one harness run, such as the echo sections' warm servers: one object per
 * type, made by the first run that asks for it and closed by the runner when the last run is done,
 * on every path (a run that throws included). The runner knows none of these types; a section's
 * runs find each other's object through the type they agree on.
 */
public final class Shared implements AutoCloseable {
    /** What a shared object must do when the run ends: release what it holds, without throwing. */
    public interface Resource extends AutoCloseable {
        @Override
        void close();
    }

    private final Map<Class<?>, Resource> byType = new LinkedHashMap<>();

    /** The one {@code type} of this harness run, made by {@code make} if no run has asked for it yet. */
    public synchronized <T extends Resource> T get(Class<T> type, Supplier<T> make) {
        return type.cast(byType.computeIfAbsent(type, t -> make.get()));
    }

    /** Closes every shared object, the last made first. */
    @Override
    public synchronized void close() {
        List<Resource> all = new ArrayList<>(byType.values());
        byType.clear();
        for (int i = all.size() - 1; i >= 0; i--) {
            all.get(i).close();
        }
    }
}
