package io.muxlab.timer;

/** A heap or wheel element that stands for a plain value, for the structure tests. */
final class TestNode<V> extends Placement {
    final V value;

    TestNode(V value) {
        this.value = value;
    }
}
