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
                switch (w[0]) {
                    case "fail": {
                        PaymentsClient.failing = w[1].equals("on");
                        answer = "ok";
                        break;
                    }
                    case "charge":
                        answer = "ok " + client.charge(w[1], Long.parseLong(w[2]));
                        break;
                    case "ping": {
                        client.ping();
                        answer = "ok";
                        break;
                    }
                    case "balance":
                        answer = "ok " + client.balance(w[1]);
                        break;
                    case "entered":
                        answer = "ok " + PaymentsClient.ENTERED.get();
                        break;
                    case "quit": {
                        System.out.println("bye");
                        System.out.flush();
                        System.exit(0);
                        answer = "bye";
                        break;
                    }
                    default:
                        answer = Commands.run(w);
                        break;
                }
            } catch (Throwable e) {
                answer = "error " + e.getClass().getName() + ": " + e.getMessage();
            }
            System.out.println(answer.replace('\n', ' ').replace('\r', ' ')); // one answer, one line
            System.out.flush();
        }
    }
}
