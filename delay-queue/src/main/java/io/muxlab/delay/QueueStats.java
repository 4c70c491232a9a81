package io.muxlab.delay;

/**
 * A snapshot of the queue's state and counters since open.
 *
 * @param pending tasks not yet done (waiting, due or running), dead ones excluded
 * @param due tasks due and waiting for a free worker
 * @param running tasks a worker is executing
 * @param dead tasks that failed every attempt
 * @param enqueued tasks accepted since open
 * @param executed tasks whose handler returned and whose done record is written
 * @param failures handler calls that threw
 * @param retried failures rescheduled with backoff
 * @param cancelled tasks cancelled
 * @param requeued dead tasks put back
 * @param fsyncs fsyncs of the log
 * @param logBytes bytes in the log files
 * @param logFiles files in the log (base and segments)
 * @param compactions compactions since open
 */
public record QueueStats(long pending, long due, long running, long dead, long enqueued, long executed, long failures,
        long retried, long cancelled, long requeued, long fsyncs, long logBytes, int logFiles, long compactions) {

    public String summary() {
        return "pending " + pending + ", due " + due + ", running " + running + ", dead " + dead + ", enqueued " + enqueued
                + ", executed " + executed + ", failures " + failures + ", retried " + retried + ", cancelled " + cancelled
                + ", requeued " + requeued + ", fsyncs " + fsyncs + ", log " + logBytes + " bytes in " + logFiles
                + " files, compactions " + compactions;
    }
}
