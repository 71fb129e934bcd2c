package io.lrsched.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The exit codes of a {@code --parallel} invocation's other processes. */
class TrialProcessesTest {

  private static Process exiting(String script) throws IOException {
    return new ProcessBuilder("sh", "-c", script).start();
  }

  @Test
  void shouldAcceptDoneAndWorkRemainingButNameAKilledProcess() throws Exception {
    assertEquals(Optional.empty(), TrialProcesses.await(List.of(exiting("exit 0"), exiting("exit 75"))));
    Process killed = exiting("kill -9 $$");
    Optional<String> line = TrialProcesses.await(List.of(exiting("exit 0"), killed, exiting("exit 1")));
    assertTrue(line.isPresent());
    assertEquals("parallel sweep process " + killed.pid() + " exited with code 137 (killed by signal 9): see its"
        + " output above", line.get());
  }
}
