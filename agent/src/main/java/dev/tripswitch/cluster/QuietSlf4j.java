package dev.tripswitch.cluster;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPLogger;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The provider of the agent's own, relocated copy of SLF4J, which only the bundled Redis
 * client logs through: it drops everything (the cluster link reports what matters in the
 * agent's log), and being there keeps SLF4J from warning on standard error that it found no
 * provider. The application's own SLF4J never sees it.
 */
public final class QuietSlf4j implements SLF4JServiceProvider {
    private final ILoggerFactory loggers = name -> NOPLogger.NOP_LOGGER;
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
    }
}
