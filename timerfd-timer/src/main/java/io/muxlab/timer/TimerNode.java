package io.muxlab.timer;

/**
 * The links a {@link TimerHeap} or a {@link TimingWheel} keeps inside each element, instead of
 * wrapping it in an entry object of its own: an element is its own node (intrusive, as libuv's
 * {@code uv_timer_t} and the kernel's {@code struct timer_list} are). With a million live timers
 * that is a million objects fewer for the collector to copy, no allocation when a timer is placed,
 * and one pointer fewer to chase on every schedule and cancel. A node is in at most one structure
 * at a time; only that structure's owner (the loop thread) touches these fields.
 */
abstract class TimerNode {
    /** The deadline, in {@link System#nanoTime} units: the heap's key (the wheel's owner converts it to a tick). */
    long due;
    /** The heap: insertion order, to break ties between equal deadlines. The wheel: the expiry tick. */
    long order;
    /** The heap: position in its array. The wheel: the bucket holding the node. -1: in neither. */
    int index = -1;
    /** The wheel: neighbours in the bucket's doubly linked list. */
    TimerNode prev;
    TimerNode next;
}
