package io.changeledger.verifier;

import io.changeledger.proof.Checkpoint;
import io.changeledger.proof.KeyRing;
import io.changeledger.proof.TrustedKey;
import io.changeledger.proof.format.ConsistencyProof;
import io.changeledger.proof.format.EvidenceBundles;
import io.changeledger.proof.verify.BundleVerifier;
import io.changeledger.proof.verify.ConsistencyChecker;
import io.changeledger.proof.verify.DumpVerifier;
import io.changeledger.proof.verify.ExportVerifier;
import io.changeledger.proof.verify.Finding;
import io.changeledger.proof.verify.VerificationReport;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The auditor's command line: checks a ledger dump, an evidence bundle, an export package, or that a new checkpoint
 * extends a saved one, offline, with nothing but the files and the ledger's public keys. Exit code 0 when nothing was found, 1 when
 * something was, 2 when the command or an input could not be used at all.
 */
public final class Verifier {

    static final int VALID = 0;
    static final int FINDINGS = 1;
    static final int UNUSABLE = 2;

    static final String USAGE = """
            Usage:
              java -jar changeledger-verifier.jar dump <file.ndjson> --keys <keyring> [--trusted <checkpoint.json>]...
              java -jar changeledger-verifier.jar bundle <bundle.json> --keys <keyring>
              java -jar changeledger-verifier.jar export <package.zip> --keys <keyring> [--dump <file.ndjson>]
              java -jar changeledger-verifier.jar consistency --old <checkpoint.json> --new <checkpoint.json> \\
                  --proof <proof.json> --keys <keyring>

              --keys     a PEM file of one or more PUBLIC KEY blocks, or a JSON key ring
                         {"keys":[{"publicKey":"-----BEGIN PUBLIC KEY-----...","validFrom":"...","validUntil":"..."}]};
                         may be given more than once
              --trusted  a checkpoint saved earlier: the dump must hold the tree it signed; may be repeated
              --dump     the ledger's dump: every row of the export is checked against its entry, not only the
                         rows the package proves

            Exit code 0: valid; 1: findings (one line each); 2: bad usage or unreadable input.
            """;

    private Verifier() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || List.of(args).contains("--help") || List.of(args).contains("-h")) {
            (args.length == 0 ? err : out).print(USAGE);
            return args.length == 0 ? UNUSABLE : VALID;
        }
        try {
            Arguments arguments = Arguments.parse(args);
            KeyRing keys = keys(arguments.all("--keys"));
            VerificationReport report = switch (arguments.command()) {
                case "dump" -> dump(arguments, keys);
                case "bundle" -> read(arguments.file(), in -> new BundleVerifier(keys).verify(in));
                case "export" -> export(arguments, keys);
                case "consistency" -> new ConsistencyChecker(keys).check(
                        read(arguments.one("--old"), EvidenceBundles::readCheckpoint),
                        read(arguments.one("--new"), EvidenceBundles::readCheckpoint),
                        read(arguments.one("--proof"), EvidenceBundles::readConsistencyProof));
                default -> throw new IllegalArgumentException("unknown command " + arguments.command());
            };
            print(arguments.command(), report, out);
            return report.ok() ? VALID : FINDINGS;
        } catch (IllegalArgumentException | UncheckedIOException e) {
            err.println("error: " + e.getMessage());
            err.println();
            err.print(USAGE);
            return UNUSABLE;
        }
    }

    private static VerificationReport dump(Arguments arguments, KeyRing keys) {
        List<Checkpoint> trusted = new ArrayList<>();
        for (Path file : arguments.all("--trusted")) {
            trusted.add(read(file, EvidenceBundles::readCheckpoint));
        }
        return read(arguments.file(), in -> new DumpVerifier(keys, trusted).verify(in));
    }

    private static VerificationReport export(Arguments arguments, KeyRing keys) {
        List<Path> dump = arguments.all("--dump");
        if (dump.size() > 1) {
            throw new IllegalArgumentException("--dump is given at most once");
        }
        for (Path file : arguments.files()) {
            if (!Files.isReadable(file)) {
                throw new IllegalArgumentException("cannot read " + file + ": no such file");
            }
        }
        return new ExportVerifier(keys).verify(arguments.file(), dump.isEmpty() ? null : dump.get(0));
    }

    private static KeyRing keys(List<Path> files) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("--keys is required: without the ledger's public keys no "
                    + "checkpoint can be trusted");
        }
        List<TrustedKey> keys = new ArrayList<>();
        for (Path file : files) {
            try {
                keys.addAll(KeyFiles.read(file));
            } catch (IOException e) {
                throw unreadable(file, e);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
            }
        }
        return KeyRing.of(keys);
    }

    private static <T> T read(Path file, Function<InputStream, T> reader) {
        try (InputStream in = Files.newInputStream(file)) {
            return reader.apply(in);
        } catch (IOException e) {
            throw unreadable(file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    private static IllegalArgumentException unreadable(Path file, IOException e) {
        return new IllegalArgumentException("cannot read " + file
                + (e instanceof NoSuchFileException ? ": no such file" : ": " + e.getMessage()), e);
    }

    private static void print(String command, VerificationReport report, PrintStream out) {
        report.findings().forEach(finding -> out.println(finding.describe()));
        String looked = switch (command) {
            case "consistency" -> "2 checkpoints";
            case "export" -> report.entries() + " rows, 1 checkpoint";
            default -> report.entries() + " entries, " + report.checkpoints() + " checkpoints";
        };
        if (report.ok()) {
            out.println("VALID: " + looked + " checked, nothing found");
        } else {
            out.println("INVALID: " + report.findings().size() + " finding" + (report.findings().size() == 1 ? ""
                    : "s") + " (" + summary(report.findings()) + "); " + looked + " checked");
        }
    }

    private static String summary(List<Finding> findings) {
        Map<Finding.Kind, Long> byKind = new java.util.TreeMap<>();
        findings.forEach(finding -> byKind.merge(finding.kind(), 1L, Long::sum));
        return String.join(", ", byKind.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).toList());
    }

    /** {@code <command> [<file>] --option value ...}; options may repeat. */
    private record Arguments(String command, List<Path> files, Map<String, List<Path>> options) {

        private static final List<String> OPTIONS = List.of("--keys", "--trusted", "--old", "--new", "--proof",
                "--dump");

        static Arguments parse(String[] args) {
            String command = args[0];
            List<Path> files = new ArrayList<>();
            Map<String, List<Path>> options = new java.util.HashMap<>();
            for (int i = 1; i < args.length; i++) {
                if (args[i].startsWith("--")) {
                    if (!OPTIONS.contains(args[i])) {
                        throw new IllegalArgumentException("unknown option " + args[i]);
                    }
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("missing value for " + args[i]);
                    }
                    options.computeIfAbsent(args[i], name -> new ArrayList<>()).add(Path.of(args[++i]));
                } else {
                    files.add(Path.of(args[i]));
                }
            }
            Arguments arguments = new Arguments(command, files, options);
            arguments.check();
            return arguments;
        }

        private void check() {
            List<String> allowed = switch (command) {
                case "dump" -> List.of("--keys", "--trusted");
                case "bundle" -> List.of("--keys");
                case "export" -> List.of("--keys", "--dump");
                case "consistency" -> List.of("--keys", "--old", "--new", "--proof");
                default -> throw new IllegalArgumentException("unknown command " + command);
            };
            for (String option : options.keySet()) {
                if (!allowed.contains(option)) {
                    throw new IllegalArgumentException(option + " does not apply to " + command);
                }
            }
            int expectedFiles = command.equals("consistency") ? 0 : 1;
            if (files.size() != expectedFiles) {
                throw new IllegalArgumentException(command + " takes " + (expectedFiles == 0 ? "no file argument"
                        : "one file") + ", got " + files.size());
            }
        }

        Path file() {
            return files.get(0);
        }

        List<Path> all(String option) {
            return options.getOrDefault(option, List.of());
        }

        Path one(String option) {
            List<Path> values = all(option);
            if (values.size() != 1) {
                throw new IllegalArgumentException(option + " is required once");
            }
            return values.get(0);
        }
    }
}
