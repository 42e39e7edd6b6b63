package io.propertylistings.support;

import java.io.IOException;
import java.util.List;

/** What a shared server has written to its console (stdout and stderr) so far: a test parameter of {@link SharedServer}. */
public final class ServerConsole {

    private final PayaraMicroProcess process;

    ServerConsole(PayaraMicroProcess process) {
        this.process = process;
    }

    public List<String> lines() throws IOException {
        return process.logLines();
    }
}
