package io.muxlab.delay.cli;

import io.muxlab.core.cli.Cli;
import io.muxlab.core.cli.UsageException;
import io.muxlab.delay.QueueFailedException;
import io.muxlab.delay.log.CorruptLogException;
import io.muxlab.delay.log.IoErrors;
import io.muxlab.delay.log.NotAQueueException;
import io.muxlab.delay.log.QueueLockedException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * The delay-queue command line: {@code enqueue}, {@code run}, {@code list}, {@code stats}, {@code cancel},
 * {@code requeue}, {@code purge-dead}. Bad input
 * is one line naming the problem and exit status 2; a queue another process holds, a damaged log
 * or an I/O failure is one line and exit status 1.
 */
public final class DelayQueueMain {
    private static final String HELP = String.join("\n",
            "usage: java -jar delay-queue.jar COMMAND [options]   (COMMAND --help for its options)",
            "",
            "A durable delay queue: tasks wait on a hierarchical timing wheel, survive kill -9 in a CRC32C-framed",
            "log, and run at least once on a bounded pool of workers.",
            "",
            "commands:",
            "  enqueue --dir D --task NAME --delay 1500ms --payload TEXT   enqueue one task (prints its id)",
            "  enqueue --dir D --task NAME --payload-file F|-             the payload's bytes from a file or stdin",
            "  enqueue --dir D --file F                                   enqueue lines 'task,delay,payload': all or none",
            "  run --dir D --workers N [--append-to FILE] [--until-empty] run tasks until SIGTERM (or until none pending)",
            "  list --dir D                                               pending tasks with due times, and dead tasks",
            "  stats --dir D                                              counts, log size, recovery time",
            "  cancel --dir D ID                                          cancel a waiting or dead task",
            "  requeue --dir D (ID | --all-dead)                          dead tasks back, due now, attempts reset",
            "  purge-dead --dir D --yes                                   delete every dead task for good",
            "",
            "tasks: print (prints the payload), append (appends the payload as a line to --append-to FILE, fsynced)",
            "delays: a whole number with ms, s, m, h or d",
            "a queue directory holds a 'manifest'; one made by an older version (no manifest) is adopted by",
            "the first writing command; any other non-empty directory without one is refused untouched",
            "while a 'run' holds a queue, enqueue, list, stats, cancel, requeue and purge-dead reach it",
            "through its control socket DIR/control.sock (an enqueue is acknowledged once durable); otherwise they",
            "open the directory themselves, failing (naming the owner's pid) if another process holds it;",
            "list and stats change nothing",
            "exit status: 0 ok, 1 failure (queue in use, not a queue, damaged log, I/O error), 2 bad input");

    private DelayQueueMain() {
    }

    public static void main(String[] args) {
        // Tasks print straight to descriptor 1, so a failed write is an exception and not
        // System.out's silent error flag.
        System.exit(run(args, new FileOutputStream(FileDescriptor.out)));
    }

    /** The command line with print tasks writing to System.out (tests capture it). */
    static int run(String[] args) {
        return run(args, System.out);
    }

    private static int run(String[] args, OutputStream printTo) {
        if (args.length == 0) {
            return Cli.usageError(Commands.PROGRAM, "a command is required: enqueue, run, list, stats, cancel, requeue or purge-dead");
        }
        String command = args[0];
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            return switch (command) {
                case "--help", "-h", "help" -> {
                    System.out.println(HELP);
                    yield Cli.EXIT_OK;
                }
                case "enqueue" -> EnqueueCommand.run(rest);
                case "run" -> RunCommand.run(rest, printTo);
                case "list" -> ListCommand.run(rest);
                case "stats" -> StatsCommand.run(rest);
                case "cancel" -> TaskCommands.cancel(rest);
                case "requeue" -> TaskCommands.requeue(rest);
                case "purge-dead" -> TaskCommands.purgeDead(rest);
                default -> throw new UsageException("unknown command '" + command + "' (enqueue, run, list, stats, cancel, requeue, "
                        + "purge-dead)");
            };
        } catch (UsageException e) {
            return Cli.usageError(Commands.PROGRAM, e.getMessage());
        } catch (QueueLockedException | CorruptLogException | NotAQueueException | QueueFailedException e) {
            Commands.warn(e.getMessage());
            return Cli.EXIT_FAILURE;
        } catch (IOException | UncheckedIOException e) {
            Commands.warn(IoErrors.describe(e));
            return Cli.EXIT_FAILURE;
        } catch (IllegalStateException | IllegalArgumentException e) {
            Commands.warn(e.getMessage());
            return Cli.EXIT_FAILURE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Commands.warn("interrupted");
            return Cli.EXIT_FAILURE;
        }
    }
}
