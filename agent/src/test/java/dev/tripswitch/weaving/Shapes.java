package dev.tripswitch.weaving;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Methods of every shape weaving must leave working: primitives of each width, arrays,
 * statics, loops and branches (stack map frames), try/catch/finally, synchronized blocks,
 * switches, long and double locals, exceptions, futures.
 */
public class Shapes {
    private int counter;

    public int add(int a, int b) {
        return a + b;
    }

    public long sumTo(long n) {
        long total = 0;
        for (long i = 1; i <= n; i++) {
            total += i;
        }
        return total;
    }

    public double average(double[] values) {
        if (values.length == 0) {
            return 0;
        }
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    public static String kind(int code) {
        switch (code / 100) {
            case 2:
                return "ok";
            case 4:
                return "client";
            case 5:
                return "server";
            default:
                return "other";
        }
    }

    public String parse(String text) {
        try {
            return "number " + Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return "not a number";
        } finally {
            counter++;
        }
    }

    public synchronized int count() {
        synchronized (this) {
            return ++counter;
        }
    }

    public void fail(boolean really) throws IOException {
        if (really) {
            throw new IOException("failed on purpose");
        }
        counter += 10;
    }

    public boolean flag(boolean b) {
        return !b;
    }

    public char first(String s) {
        return s.isEmpty() ? '?' : s.charAt(0);
    }

    public byte low(int x) {
        return (byte) x;
    }

    public short half(short x) {
        return (short) (x / 2);
    }

    public float scale(float x) {
        return x * 2;
    }

    public int[] range(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return out;
    }

    public List<String> names(String... parts) {
        List<String> out = new ArrayList<>();
        for (String p : parts) {
            if (p != null) {
                out.add(p);
            }
        }
        return out;
    }

    public CompletableFuture<String> later(String value) {
        // complete already: its outcome is recorded before the method returns, so the test's count never races
        return CompletableFuture.completedFuture("later " + value);
    }

    private int failuresLeft;

    public void failNext(int times) {
        failuresLeft = times;
    }

    /** Fails {@link #failNext} times, after changing its own parameters: each retry must start from the caller's values. */
    public String flaky(String text, long n, double d) throws IOException {
        text = text + "!";
        n++;
        d *= 2;
        if (failuresLeft-- > 0) {
            throw new IOException("flaky");
        }
        return text + n + "/" + d;
    }

    public static long mixed(int a, long b, double c, Object d) {
        long r = a + b + (long) c;
        if (d != null) {
            r += d.hashCode() % 2;
        }
        return r;
    }
}
