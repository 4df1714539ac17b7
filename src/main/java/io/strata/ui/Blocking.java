package io.strata.ui;

import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import java.util.function.Supplier;

/**
 * Runs the reactive tenancy services (Hibernate Reactive needs a Vert.x context) from the console's
 * request threads and waits for their answer.
 */
public final class Blocking {

  private Blocking() {}

  /** The item of the {@code Uni} that {@code call} makes, or its failure thrown. */
  public static <T> T await(Supplier<Uni<T>> call) {
    try {
      return VertxContextSupport.subscribeAndAwait(call);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }
}
