package io.github.tokenfamilies.it.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;

/** Fires N requests at the same moment (one thread each, released by one latch) and collects the replies. */
public final class AtOnce {

    private AtOnce() {
    }

    public static List<Reply> run(int n, IntFunction<Reply> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<Reply>> calls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                calls.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return call.apply(index);
                }, pool));
            }
            go.countDown();
            List<Reply> replies = new ArrayList<>();
            for (CompletableFuture<Reply> c : calls) {
                replies.add(c.get());
            }
            return replies;
        } finally {
            pool.shutdown();
        }
    }
}
