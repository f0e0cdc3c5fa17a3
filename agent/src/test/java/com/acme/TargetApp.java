package com.acme;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The application the integration tests run under the agent, in a child JVM. It reads
 * one command per line on standard input and answers one line on standard output:
 *
 * <pre>
 * fail on|off            make PaymentsClient fail or succeed
 * charge ACCOUNT CENTS   call PaymentsClient.charge: "ok RESULT" or "error TYPE: MESSAGE"
 * ping / balance A       the same for a void and an int method
 * entered                how often PaymentsClient's methods really ran
 * quit
 * </pre>
 */
public final class TargetApp {
    private TargetApp() {
    }

    public static void main(String[] args) throws Exception {
        PaymentsClient client = new PaymentsClient();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.out.println("ready");
        System.out.flush();
        String line;
        while ((line = in.readLine()) != null) {
            String[] w = line.trim().split("\\s+");
            String answer;
            try {
                answer = switch (w[0]) {
                    case "fail" -> {
                        PaymentsClient.failing = w[1].equals("on");
                        yield "ok";
                    }
                    case "charge" -> "ok " + client.charge(w[1], Long.parseLong(w[2]));
                    case "ping" -> {
                        client.ping();
                        yield "ok";
                    }
                    case "balance" -> "ok " + client.balance(w[1]);
                    case "entered" -> "ok " + PaymentsClient.ENTERED.get();
                    case "quit" -> {
                        System.out.println("bye");
                        System.out.flush();
                        System.exit(0);
                        yield "bye";
                    }
                    default -> Commands.run(w);
                };
            } catch (Throwable e) {
                answer = "error " + e.getClass().getName() + ": " + e.getMessage();
            }
            System.out.println(answer.replace('\n', ' ').replace('\r', ' ')); // one answer, one line
            System.out.flush();
        }
    }
}
