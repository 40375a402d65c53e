package org.unodc.uponrequest.process;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandContextListener;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Lets a projection of the engine's events (the request index, the reporting tables) collect its
 * changes to a row during a step and write them once: a step fires many events for the same request
 * (each variable, each task event), and each used to update the same row again. What is collected is
 * written as the engine command that caused it closes, inside its transaction and before the engine's
 * own flush, so after every engine call the rows are exactly what the single-row updates left;
 * whatever an event adds after that is written as the transaction commits.
 * A step that fails writes nothing, as before (its transaction rolls back). Outside a Spring
 * transaction there is nothing to collect in, and a projection writes at once.
 */
@Component
public class CoalescedWrites extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostCommandInterceptorsTxRequired() == null) {
      configuration.setCustomPostCommandInterceptorsTxRequired(new ArrayList<>());
    }
    configuration.getCustomPostCommandInterceptorsTxRequired().add(new CommandInterceptor() {
      @Override
      public <T> T execute(Command<T> command) {
        CommandContext context = Context.getCommandContext();
        if (context != null && !context.equals(CLOSING.get())) {
          CLOSING.remove(); // an earlier context's, closed without the writing listener (no transaction)
          context.registerCommandContextListener(CLOSE_BEGINS); // first of the context's listeners: a no-op if nested
        }
        T result = next.execute(command);
        if (context != null && !context.equals(CLOSING.get()) && TransactionSynchronizationManager.isSynchronizationActive()) {
          // as the command closes, after the listeners its entities registered while it ran (a task fires its
          // update events then) and before the engine's flush
          context.registerCommandContextListener(WRITE_AS_THE_COMMAND_CLOSES);
        } else {
          // no transaction, or a command run by a listener while the context closes (its list of listeners may
          // not grow then): write now; what comes later is written as the transaction commits
          flushAll();
        }
        return result;
      }
    });
  }

  /** The command context of this thread whose listeners are being called. */
  private static final ThreadLocal<CommandContext> CLOSING = new ThreadLocal<>();

  private static final CommandContextListener CLOSE_BEGINS = new CommandContextListener() {
    @Override
    public void onCommandContextClose(CommandContext context) {
      CLOSING.set(context);
    }

    @Override
    public void onCommandFailed(CommandContext context, Throwable failure) {
      CLOSING.remove();
    }
  };

  private static final CommandContextListener WRITE_AS_THE_COMMAND_CLOSES = new CommandContextListener() {
    @Override
    public void onCommandContextClose(CommandContext context) {
      CLOSING.remove();
      flushAll();
    }

    @Override
    public void onCommandFailed(CommandContext context, Throwable failure) {
      CLOSING.remove(); // the transaction rolls back, and the buffers with it
    }
  };

  /**
   * The owner's buffer in the current transaction, created on first use; null when no Spring
   * transaction is active (write at once then).
   *
   * @param flush writes what the buffer holds and empties it
   */
  @SuppressWarnings("unchecked")
  public static <B> B buffer(Object owner, Supplier<B> create, Consumer<B> flush) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      return null;
    }
    Buffers buffers = current();
    if (buffers == null) {
      buffers = new Buffers();
      TransactionSynchronizationManager.registerSynchronization(buffers);
    }
    Buffers.Entry<B> entry = (Buffers.Entry<B>) buffers.byOwner.computeIfAbsent(owner,
        key -> new Buffers.Entry<>(create.get(), flush));
    return entry.buffer;
  }

  /** Writes what the current transaction's buffers hold. */
  static void flushAll() {
    Buffers buffers = current();
    if (buffers != null) {
      buffers.writeAll();
    }
  }

  /** The current transaction's buffers (a suspended transaction's synchronizations are not listed). */
  private static Buffers current() {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      return null;
    }
    for (TransactionSynchronization synchronization : TransactionSynchronizationManager.getSynchronizations()) {
      if (synchronization instanceof Buffers buffers) {
        return buffers;
      }
    }
    return null;
  }

  /** The buffers of one transaction, by owner, in the order first used. */
  private static final class Buffers implements TransactionSynchronization {

    record Entry<B>(B buffer, Consumer<B> flush) {
      void run() {
        flush.accept(buffer);
      }
    }

    final Map<Object, Entry<?>> byOwner = new LinkedHashMap<>();

    void writeAll() {
      byOwner.values().forEach(Entry::run);
    }

    @Override
    public void beforeCommit(boolean readOnly) {
      writeAll();
    }
  }
}
