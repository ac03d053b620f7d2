package io.fidelis.app.cli;

import java.util.Map;
import java.util.concurrent.Callable;

import io.fidelis.app.loyalty.LoyaltyScoring;
import io.fidelis.app.loyalty.ScoringRun;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;

/** {@code fidelis score}: compute every customer's loyalty profile now (the server also does it after imports). */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Score every customer: churn and lifetime-value models, RFM and the loyalty stage.")
class ScoreCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        try (ConfigurableApplicationContext context = Contexts.start(false, Map.of())) {
            System.err.println("Scoring every customer…");
            System.err.flush();
            ScoringRun run = context.getBean(LoyaltyScoring.class).scoreAll();
            System.out.printf("Scored %,d customers in %.1f s%n", run.customers(), run.seconds());
            if (run.model() != null) {
                System.out.printf("BG/NBD: %s  log-likelihood %.3f%s%n", run.params(), run.logLikelihood(),
                        run.boundary().isEmpty() ? "" : "  at a bound: " + run.boundary());
            }
            if (run.notFitted() != null) {
                System.out.println("not fitted: " + run.notFitted());
            }
            System.out.println("stages: " + run.stages() + "; changes: " + run.changes());
            return 0;
        }
    }
}
