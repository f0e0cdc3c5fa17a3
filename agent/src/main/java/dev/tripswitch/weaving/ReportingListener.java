package dev.tripswitch.weaving;

import java.lang.instrument.Instrumentation;

/**
 * What the front tells, written into the {@link WeaveReport} and, the first time each is
 * seen, to the error handler (the agent's log). The agent and {@code check --classpath}
 * ({@link DryRun}) both listen through it; only the agent has an {@code Instrumentation} to
 * make a woven module read the bridge.
 */
final class ReportingListener implements Weaver.Listener {
    private final WeaveReport report;
    private final Weaver.ErrorHandler onError;
    private final Instrumentation inst;

    /** @param inst null when nothing is defined (a dry run) */
    ReportingListener(WeaveReport report, Weaver.ErrorHandler onError, Instrumentation inst) {
        this.report = report;
        this.onError = onError;
        this.inst = inst;
    }

    @Override
    public void woven(Weaver.Target target, String method) {
        report.woven(target.rule().name(), method);
    }

    @Override
    public void cannotJudge(Weaver.Target target, String method, String returnType) {
        if (report.cannotJudge(target.rule().name(), method, returnType)) {
            onError.onCannotJudge(target.rule().name(), method, returnType);
        }
    }

    @Override
    public void timeoutIgnored(Weaver.Target target, String method, String returnType) {
        if (report.timeoutIgnored(target.rule().name(), method, returnType)) {
            onError.onTimeoutIgnored(target.rule().name(), method, returnType);
        }
    }

    @Override
    public void readBridge(Module module) {
        if (inst != null) {
            Weaver.readBridge(inst, module);
        }
    }

    @Override
    public void failed(String typeName, Throwable error) {
        onError.onError(typeName, report.failed(typeName, error), error);
    }
}
