package io.lrsched.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The fast batch-norm training path against a float64 reference written out from the definitions, and against DL4J's
 * own implementation, in both layouts: outputs, input gradient, gamma/beta gradients and the running-statistics
 * updates. Runs on whatever native build this JVM loaded: the fast path is forced on, since its arithmetic does not
 * depend on the build (only its speed does).
 */
class FastBatchNormLayerTest {

  private static final int N = 4;
  private static final int C = 3;
  private static final int H = 5;
  private static final int W = 6;
  private static final double EPS = 2e-5;
  private static final double DECAY = 0.9;

  @ParameterizedTest
  @CsvSource({"NCHW, false", "NCHW, true", "NHWC, false", "NHWC, true"})
  void trainingPassShouldMatchTheDefinitions(CNN2DFormat format, boolean relu) {
    assertTrue(Dnnl.available(), "oneDNN's presets must load here: the fast path is what is under test");
    Random random = new Random(7);
    double[][][][] x = randomNchw(random, 3.0, 1.5); // offset mean: the variance must not cancel
    double[][][][] dy = randomNchw(random, 0.0, 1.0);
    double[] gamma = {0.5, 1.5, -1.0};
    double[] beta = {0.1, -0.2, 0.3};

    FastBatchNormLayer layer = layer(format, relu, true, gamma, beta);
    LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
    layer.setInput(toArray(x, format), mgr);
    // DL4J's own layer matches the definitions too: only this shows that the oneDNN path is what was checked
    assertTrue(layer.handles(toArray(x, format)), "the oneDNN path must take this input");
    INDArray y = layer.activate(true, mgr);
    Pair<Gradient, INDArray> back = layer.backpropGradient(toArray(dy, format), mgr);

    Reference ref = new Reference(x, dy, gamma, beta, relu);
    assertClose(toArray(ref.y(), format), y, 1e-5, "output");
    assertClose(toArray(ref.dx(), format), back.getSecond(), 1e-5, "input gradient");
    assertClose(Nd4j.createFromArray(ref.dGamma()), back.getFirst().getGradientFor("gamma"), 1e-5, "dGamma");
    assertClose(Nd4j.createFromArray(ref.dBeta()), back.getFirst().getGradientFor("beta"), 1e-5, "dBeta");

    // Running statistics start at mean 0, std 1 (log10 std 0): DL4J subtracts these "gradients" directly.
    double[] dMean = new double[C];
    double[] dLog10Std = new double[C];
    for (int c = 0; c < C; c++) {
      dMean[c] = (0 - ref.mean[c]) * (1 - DECAY);
      dLog10Std[c] = Math.log10(1.0 / (DECAY + (1 - DECAY) * ref.var[c])) / 2;
    }
    assertClose(Nd4j.createFromArray(dMean), back.getFirst().getGradientFor("mean"), 1e-5, "running mean");
    assertClose(Nd4j.createFromArray(dLog10Std), back.getFirst().getGradientFor("log10stdev"), 1e-5,
        "running log10 std");
  }

  @ParameterizedTest
  @CsvSource({"NCHW, false", "NCHW, true", "NHWC, false", "NHWC, true"})
  void shouldAgreeWithDl4jsOwnImplementation(CNN2DFormat format, boolean relu) {
    Random random = new Random(11);
    INDArray x = toArray(randomNchw(random, -1.0, 2.0), format);
    INDArray dy = toArray(randomNchw(random, 0.0, 1.0), format);
    double[] gamma = {1.2, 0.8, 1.0};
    double[] beta = {0.0, 0.5, -0.5};
    LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();

    FastBatchNormLayer fast = layer(format, relu, true, gamma, beta);
    FastBatchNormLayer dl4j = layer(format, relu, false, gamma, beta);
    for (FastBatchNormLayer l : List.of(fast, dl4j)) {
      l.setInput(x.dup(), mgr);
    }
    // otherwise this compares DL4J with itself and passes whatever the oneDNN path computes
    assertTrue(fast.handles(x), "the fast layer must take the oneDNN path");
    assertFalse(dl4j.handles(x), "the reference layer must take DL4J's path");
    assertClose(dl4j.activate(true, mgr), fast.activate(true, mgr), 1e-5, "output");
    Pair<Gradient, INDArray> f = fast.backpropGradient(dy.dup(), mgr);
    Pair<Gradient, INDArray> d = dl4j.backpropGradient(dy.dup(), mgr);
    assertClose(d.getSecond(), f.getSecond(), 1e-5, "input gradient");
    for (String param : List.of("gamma", "beta", "mean", "log10stdev")) {
      assertClose(d.getFirst().getGradientFor(param), f.getFirst().getGradientFor(param), 1e-5, param);
    }
    // Inference with the running statistics, after the update above: oneDNN in one, DL4J's code in the other.
    for (FastBatchNormLayer l : List.of(fast, dl4j)) {
      for (String param : List.of("mean", "log10stdev")) {
        l.getParam(param).subi(d.getFirst().getGradientFor(param));
      }
    }
    assertClose(dl4j.activate(false, mgr), fast.activate(false, mgr), 1e-5, "inference output");
  }

  private static FastBatchNormLayer layer(CNN2DFormat format, boolean relu, boolean fastPath, double[] gamma,
      double[] beta) {
    FastBatchNormalization conf = FastBatchNormalization.of(EPS, DECAY, format, relu);
    conf.setNIn(C);
    conf.setNOut(C);
    NeuralNetConfiguration nnc = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).layer(conf).build();
    long numParams = conf.initializer().numParams(nnc);
    INDArray params = Nd4j.create(DataType.FLOAT, 1, numParams);
    FastBatchNormLayer layer = LayerWiring.wire(new FastBatchNormLayer(nnc, DataType.FLOAT, fastPath), conf, nnc,
        List.of(), 0, params, true);
    layer.setBackpropGradientsViewArray(Nd4j.create(DataType.FLOAT, 1, numParams));
    layer.setParam("gamma", Nd4j.createFromArray(gamma).castTo(DataType.FLOAT).reshape(1, C));
    layer.setParam("beta", Nd4j.createFromArray(beta).castTo(DataType.FLOAT).reshape(1, C));
    return layer;
  }

  private static void assertClose(INDArray expected, INDArray actual, double tolerance, String what) {
    INDArray e = expected.castTo(DataType.DOUBLE).reshape(expected.length());
    INDArray a = actual.castTo(DataType.DOUBLE).reshape(actual.length());
    assertEquals(e.length(), a.length(), what);
    double scale = Math.max(1.0, e.amaxNumber().doubleValue());
    double diff = e.sub(a).amaxNumber().doubleValue();
    assertTrue(diff <= tolerance * scale, what + ": max difference " + diff + " > " + tolerance * scale);
  }

  private static double[][][][] randomNchw(Random random, double mean, double std) {
    double[][][][] v = new double[N][C][H][W];
    for (int n = 0; n < N; n++) {
      for (int c = 0; c < C; c++) {
        for (int h = 0; h < H; h++) {
          for (int w = 0; w < W; w++) {
            v[n][c][h][w] = mean + c + std * random.nextGaussian();
          }
        }
      }
    }
    return v;
  }

  private static INDArray toArray(double[][][][] nchw, CNN2DFormat format) {
    INDArray a = Nd4j.create(DataType.FLOAT, N, C, H, W);
    for (int n = 0; n < N; n++) {
      for (int c = 0; c < C; c++) {
        for (int h = 0; h < H; h++) {
          for (int w = 0; w < W; w++) {
            a.putScalar(new long[] {n, c, h, w}, nchw[n][c][h][w]);
          }
        }
      }
    }
    return format == CNN2DFormat.NCHW ? a : a.permute(0, 2, 3, 1).dup('c');
  }

  /** Batch norm over (N, H, W) per channel in float64, straight from the definitions. */
  private static final class Reference {
    final double[] mean = new double[C];
    final double[] var = new double[C];
    private final double[][][][] xHat = new double[N][C][H][W];
    private final double[][][][] dy;
    private final double[] gamma;
    private final double m = N * H * W;

    private final double[] beta;
    private final boolean relu;

    /** With {@code relu}, batch norm followed by ReLU: dy is the gradient of the ReLU's output. */
    Reference(double[][][][] x, double[][][][] dy, double[] gamma, double[] beta, boolean relu) {
      this.gamma = gamma;
      this.beta = beta;
      this.relu = relu;
      for (int c = 0; c < C; c++) {
        double sum = 0;
        for (double[][][] s : x) {
          for (double[] row : s[c]) {
            for (double v : row) {
              sum += v;
            }
          }
        }
        mean[c] = sum / m;
        double sq = 0;
        for (double[][][] s : x) {
          for (double[] row : s[c]) {
            for (double v : row) {
              sq += (v - mean[c]) * (v - mean[c]);
            }
          }
        }
        var[c] = sq / m;
        for (int n = 0; n < N; n++) {
          for (int h = 0; h < H; h++) {
            for (int w = 0; w < W; w++) {
              xHat[n][c][h][w] = (x[n][c][h][w] - mean[c]) / Math.sqrt(var[c] + EPS);
            }
          }
        }
      }
      // The gradient reaching batch norm's output: ReLU passes it where that output is positive.
      this.dy = new double[N][C][H][W];
      forEach((n, c, h, w) -> this.dy[n][c][h][w] = !relu || bn(n, c, h, w) > 0 ? dy[n][c][h][w] : 0);
    }

    private double bn(int n, int c, int h, int w) {
      return gamma[c] * xHat[n][c][h][w] + beta[c];
    }

    double[][][][] y() {
      double[][][][] y = new double[N][C][H][W];
      forEach((n, c, h, w) -> y[n][c][h][w] = relu ? Math.max(0, bn(n, c, h, w)) : bn(n, c, h, w));
      return y;
    }

    double[] dBeta() {
      double[] d = new double[C];
      forEach((n, c, h, w) -> d[c] += dy[n][c][h][w]);
      return d;
    }

    double[] dGamma() {
      double[] d = new double[C];
      forEach((n, c, h, w) -> d[c] += dy[n][c][h][w] * xHat[n][c][h][w]);
      return d;
    }

    /** dx = gamma / sqrt(var + eps) * (dy - mean(dy) - xHat * mean(dy * xHat)). */
    double[][][][] dx() {
      double[] dBeta = dBeta();
      double[] dGamma = dGamma();
      double[][][][] dx = new double[N][C][H][W];
      forEach((n, c, h, w) -> dx[n][c][h][w] = gamma[c] / Math.sqrt(var[c] + EPS)
          * (dy[n][c][h][w] - dBeta[c] / m - xHat[n][c][h][w] * dGamma[c] / m));
      return dx;
    }

    private static void forEach(Cell cell) {
      for (int n = 0; n < N; n++) {
        for (int c = 0; c < C; c++) {
          for (int h = 0; h < H; h++) {
            for (int w = 0; w < W; w++) {
              cell.at(n, c, h, w);
            }
          }
        }
      }
    }

    private interface Cell {
      void at(int n, int c, int h, int w);
    }
  }
}
