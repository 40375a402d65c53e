package org.unodc.uponrequest.process;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Lets a projection of the engine's events (the request index, the reporting tables) collect its
 * changes to a row during a step and write them once: a step fires many events for the same request
 * (each variable, each task event), and each used to update the same row again. What is collected is
 * written when the engine command that caused it returns, inside its transaction and before the
 * engine's own flush, so after every engine call the rows are exactly what the single-row updates
 * left; whatever an event adds later (as the command closes) is written as the transaction commits.
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
        T result = next.execute(command);
        flushAll();
        return result;
      }
    });
  }

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
