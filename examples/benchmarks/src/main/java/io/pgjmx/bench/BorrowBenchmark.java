package io.pgjmx.bench;

import io.pgjmx.bridge.PgjmxBridge;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What pgjmx adds to each borrow and return of a pooled connection: the two bridge calls the pools' advice
 * makes ({@link PgjmxBridge#borrowed}, {@link PgjmxBridge#returned}) on the entries of a pool of 10, against
 * the same loop without them. The bridge comes from the agent ({@code -javaagent}, which defines it in the
 * bootstrap loader), exactly as inlined advice reaches it. BorrowBenchmarkMain runs it and prints the figures.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BorrowBenchmark {

    /** Stand-ins for a pool's per-connection objects (HikariCP's PoolEntry, ...): only their identity counts. */
    private final Object[] entries = new Object[10];
    private int next;

    @Setup(Level.Trial)
    public void entries() {
        for (int i = 0; i < entries.length; i++) {
            entries[i] = new Object();
        }
        PgjmxBridge.keepBorrowStacks(Boolean.getBoolean("bench.borrowStacks"));
        for (Object e : entries) { // the slots exist, as they do after a pool's first use of each connection
            PgjmxBridge.borrowed(e);
            PgjmxBridge.returned(e);
        }
    }

    private Object entry() {
        int i = next + 1;
        next = i == entries.length ? 0 : i;
        return entries[next];
    }

    @Benchmark
    public Object baseline() {
        return entry();
    }

    /** One clock read, for comparison: what recording System.nanoTime() at each borrow would add. */
    @Benchmark
    public long clockRead() {
        return System.nanoTime();
    }

    @Benchmark
    public Object borrowAndReturn() {
        Object e = entry();
        PgjmxBridge.borrowed(e);
        PgjmxBridge.returned(e);
        return e;
    }

    /** The same from 100 frames deeper, as under a web framework: what a kept borrow stack costs grows with it. */
    @Benchmark
    public Object borrowAndReturn100FramesDeep() {
        return deep(100);
    }

    private Object deep(int frames) {
        if (frames > 0) {
            return deep(frames - 1);
        }
        return borrowAndReturn();
    }

    @Benchmark
    public Object baseline100FramesDeep() {
        return deepBaseline(100);
    }

    private Object deepBaseline(int frames) {
        if (frames > 0) {
            return deepBaseline(frames - 1);
        }
        return entry();
    }
}
