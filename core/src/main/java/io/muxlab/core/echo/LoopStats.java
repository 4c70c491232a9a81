package io.muxlab.core.echo;

/**
 * One loop's share of the work when several loops serve one port ({@code epoll-echo --loops N}).
 *
 * @param loop the loop's index, from 0
 * @param accepted connections this loop accepted
 * @param reads read calls that returned data
 * @param writes write calls that sent data
 * @param listenerWakeups waits that returned with the listening socket readable: more than
 *     {@code accepted} when loops are woken for connections another loop takes (the thundering herd)
 * @param waits waits this loop returned from
 */
public record LoopStats(int loop, long accepted, long reads, long writes, long listenerWakeups, long waits) {
}
