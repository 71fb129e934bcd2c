package io.lrsched.results;

import io.lrsched.config.SettingsLoader;
import io.lrsched.report.EpochMetrics;
import io.lrsched.report.MetricsCsv;
import io.lrsched.storage.RunFolder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Hand-made run and sweep folders with known values, written through {@link RunFolder} (so on any file system), in
 * the layout the train and sweep commands write.
 */
public final class Fixtures {

  /** Settings every fixture run shares with the tiny real runs of the tests. */
  public static final List<String> TINY = List.of("data.source=synthetic", "data.synthetic.train-size=256",
      "data.synthetic.test-size=128", "model.stages=[1,1,1]", "model.filters=[8,8,16,32]", "training.batch-size=32",
      "training.epochs=3");

  private Fixtures() {}

  /**
   * A finished run: config.conf with {@link #TINY} plus the schedule type, metrics.csv with these val_accuracy
   * values, lr-applied.csv with 4 steps per epoch at the given per-epoch rates (2 workers), run.json.
   */
  public static RunFolder run(String parentUri, String name, String schedule, String started, double[] valAccuracy,
      double[] lr) {
    List<String> overrides = new ArrayList<>(TINY);
    overrides.add("experiment.name=" + name);
    overrides.add("schedule.type=" + schedule);
    String rendered = new SettingsLoader().load(null, overrides).rendered();
    RunFolder folder = RunFolder.create(parentUri, name);
    folder.writeText("config.conf", rendered);
    List<EpochMetrics> history = new ArrayList<>();
    StringBuilder applied = new StringBuilder("epoch,step,worker,executor,pid,lr,expected_lr\n");
    for (int e = 0; e < valAccuracy.length; e++) {
      history.add(new EpochMetrics(e + 1, lr[e], 2.0 - 0.3 * e, 0.2 + 0.1 * e, 2.1 - 0.25 * e, valAccuracy[e], 10, 4));
      for (int s = 0; s < 4; s++) {
        for (int w = 0; w < 2; w++) {
          applied.append(String.format(Locale.ROOT, "%d,%d,%d,driver,1,%s,%s%n", e + 1, s, w, lr[e], lr[e]));
        }
      }
    }
    folder.writeText("metrics.csv", MetricsCsv.toCsv(history));
    folder.writeText("lr-applied.csv", applied.toString());
    EpochMetrics last = history.get(history.size() - 1);
    EpochMetrics best = history.stream().max((a, b) -> Double.compare(a.valAccuracy(), b.valAccuracy())).get();
    RunRecord record = new RunRecord(name, folder.name(), folder.uri(), RunRecord.DONE, started, started, started,
        schedule, SettingsDiff.fromReference(rendered), valAccuracy.length, valAccuracy.length,
        Map.of("epoch", (double) last.epoch(), "val_accuracy", last.valAccuracy(), "val_loss", last.valLoss()),
        Map.of("epoch", (double) best.epoch(), "val_accuracy", best.valAccuracy()), 30.0 * valAccuracy.length,
        "0.1.0-SNAPSHOT", "abc123def456", null, null, RunRecord.TEST_SPLIT, Map.of());
    folder.writeText(RunRecord.FILE, record.toJson());
    return folder;
  }

  /**
   * A sweep of two groups (schedules {@code step} and {@code none}) with three seeds each, in the sweep engineers'
   * documented layout ([sweep-files] commit): leaderboard.csv, statistics.csv, trials.csv, trials/<id>/state and
   * each trial's run folder.
   *
   * @return the sweep folder
   */
  public static RunFolder sweep(String parentUri) {
    RunFolder sweep = RunFolder.create(parentUri, "schedules");
    sweep.writeText("sweep.conf", "# Resolved sweep (from sweeps/schedules.conf; base experiment reference.conf)\n"
        + "sweep { name = schedules }\n");
    double[][] step = {{0.30, 0.42, 0.50}, {0.31, 0.44, 0.53}, {0.29, 0.40, 0.49}};
    double[][] none = {{0.28, 0.35, 0.38}, {0.30, 0.36, 0.41}, {0.27, 0.33, 0.36}};
    StringBuilder trials = new StringBuilder(
        "trial,group,label,seed,state,epoch,final_val_accuracy,best_val_accuracy,run_folder,values\n");
    String[] states = {"done", "done", "done"};
    for (int g = 0; g < 2; g++) {
      String label = g == 0 ? "step" : "none";
      double[][] curves = g == 0 ? step : none;
      double[] lr = g == 0 ? new double[] {0.1, 0.025, 0.025} : new double[] {0.1, 0.1, 0.1};
      for (int s = 0; s < 3; s++) {
        String trial = "t" + g + s;
        RunFolder run = run(sweep.fileUri("trials/" + trial), trial, label, "2026-01-01T00:0" + s + ":00Z",
            curves[s], lr);
        trials.append(String.format(Locale.ROOT, "%s,g%d,%s,%d,%s,3,%s,%s,%s,\"schedule.type=%s\"%n", trial, g,
            label, s + 1, states[s], curves[s][2], curves[s][2], run.uri(), label));
        sweep.writeText("trials/" + trial + "/state", "trial=" + trial + "\nstate=done\nattempts=1\nlease=1\n"
            + "owner=host:1\nheartbeat=2026-01-01T00:10:00Z\nepoch=3\nbest_val_accuracy=" + curves[s][2]
            + "\nfinal_val_accuracy=" + curves[s][2] + "\nrun_folder=" + run.uri() + "\nerror=\nnote=\n");
      }
    }
    trials.append("t99,g1,none,4,waiting,0,,,,\"schedule.type=none\"\n");
    sweep.writeText("trials.csv", trials.toString());
    sweep.writeText("leaderboard.csv", """
        rank,group,label,n,final_mean,final_sd,final_ci_low,final_ci_high,best_mean,best_sd,best_ci_low,best_ci_high,seeds,trials
        1,g0,step,3,0.5066666666666667,0.02081665999466133,0.49,0.53,0.5066666666666667,0.02081665999466133,0.49,0.53,1 2 3,t00 t01 t02
        2,g1,none,3,0.38333333333333336,0.02516611478423583,0.36,0.41,0.38333333333333336,0.02516611478423583,0.36,0.41,1 2 3,t10 t11 t12
        """);
    sweep.writeText("statistics.csv", """
        metric,group_a,group_b,label_a,label_b,n_a,n_b,mean_a,mean_b,difference,ci_low,ci_high,t,df,p,p_holm,p_a_beats_b,verdict
        final_val_accuracy,g0,g1,step,none,3,3,0.5066666666666667,0.38333333333333336,0.12333333333333335,0.09,0.16,6.54,3.86,0.0031,0.0031,1.0,"step > none by 12.3 points (95% CI 9.0 to 16.0; Holm-adjusted p = 0.0031)"
        best_val_accuracy,g0,g1,step,none,3,3,0.5066666666666667,0.38333333333333336,0.12333333333333335,0.09,0.16,6.54,3.86,0.0031,0.0031,1.0,"step > none by 12.3 points (95% CI 9.0 to 16.0; Holm-adjusted p = 0.0031)"
        """);
    return sweep;
  }
}
