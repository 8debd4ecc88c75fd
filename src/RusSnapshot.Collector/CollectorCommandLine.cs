using System.CommandLine;
using System.Globalization;
using System.Text;
using RusSnapshot.Collector.Collection;
using RusSnapshot.Collector.Ldap;
using RusSnapshot.Collector.Output;

namespace RusSnapshot.Collector;

/// <summary>
/// The <c>russnap-collect</c> command line (issue 11, DESIGN.md section 2): options, password sources, the plain-bind
/// refusal, exit codes. Tests call <see cref="Run"/> with their own writers and environment.
/// </summary>
internal static class CollectorCommandLine
{
    /// <summary>Where a password comes from when no option names one: the terminal (null when there is none).</summary>
    internal delegate string? PasswordPrompt(string user);

    private sealed record Options(
        Option<string> Server, Option<int?> Port, Option<bool> Ldaps, Option<bool> StartTls, Option<FileInfo?> CaCert, Option<bool> Insecure,
        Option<string?> User, Option<string?> PasswordEnv, Option<FileInfo?> PasswordFile, Option<bool> AllowPlainBind,
        Option<string> Format, Option<string?> Output, Option<string> Scope, Option<string[]> DomainServer, Option<int> PageSize,
        Option<int> RangeSize, Option<double> Timeout, Option<double> RunTimeout, Option<int> Retries, Option<bool> Quiet);

    public static int Run(string[] args, TextWriter output, TextWriter error, CancellationToken cancel = default,
        Func<string, string?>? environment = null, PasswordPrompt? prompt = null, bool? interactive = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        environment ??= Environment.GetEnvironmentVariable;
        prompt ??= TerminalPrompt;
        var progress = interactive ?? !Console.IsErrorRedirected;

        var o = new Options(
            new Option<string>("--server", "-s") { Description = "A domain controller of the forest (host name or address)", Required = true },
            new Option<int?>("--port") { Description = "TCP port (default 389, 636 with --ldaps)" },
            new Option<bool>("--ldaps") { Description = "LDAP over TLS (port 636)" },
            new Option<bool>("--starttls") { Description = "Upgrade the LDAP connection with StartTLS before the bind" },
            new Option<FileInfo?>("--ca-cert") { Description = "PEM file of a CA to trust, in addition to the system's (the DC's own CA)" },
            new Option<bool>("--insecure") { Description = "Accept any TLS certificate (never the default; lab use only)" },
            new Option<string?>("--user", "-u") { Description = "Account for a simple bind (user@domain, DOMAIN\\user or a DN); without it the current user binds (Negotiate/Kerberos)" },
            new Option<string?>("--password-env") { Description = "Name of the environment variable that holds the password" },
            new Option<FileInfo?>("--password-file") { Description = "File whose first line is the password" },
            new Option<bool>("--allow-plain-bind") { Description = "Allow a simple bind over a connection without TLS (the password travels in clear: lab networks only)" },
            new Option<string>("--format", "-f") { Description = "ldif (as ldifde writes it) or csv (as csvde writes it)", DefaultValueFactory = _ => "ldif" },
            new Option<string?>("--output", "-o") { Description = "Dump file to write (default russnap-dump.ldf or .csv); the manifest goes beside it as FILE.manifest.json" },
            new Option<string>("--scope") { Description = "config (rootDSE and Configuration partition) or full (also every domain)", DefaultValueFactory = _ => "full" },
            new Option<string[]>("--domain-server") { Description = "DNSNAME=HOST[:PORT]: read that domain from this DC (repeatable)", AllowMultipleArgumentsPerToken = false },
            new Option<int>("--page-size") { Description = "Entries per page of a paged search (AD's maximum is 1000)", DefaultValueFactory = _ => 1000 },
            new Option<int>("--range-size") { Description = "Ask for large multi-valued attributes N values at a time (0: only when the server ranges them, as AD does at 1,500)", DefaultValueFactory = _ => 0 },
            new Option<double>("--timeout") { Description = "Seconds allowed for connecting and for each request", DefaultValueFactory = _ => 120 },
            new Option<double>("--run-timeout") { Description = "Seconds allowed for the whole run (0: no limit); what is left is listed as unread", DefaultValueFactory = _ => 0 },
            new Option<int>("--retries") { Description = "Retries of a request after a busy or unavailable answer or a timeout (with back-off)", DefaultValueFactory = _ => 3 },
            new Option<bool>("--quiet", "-q") { Description = "No progress and no summary on stderr (errors and warnings only)" });

        var root = new RootCommand(
            "russnap-collect: reads an Active Directory forest over LDAP (read-only) and writes a dump for russnap analyze, "
            + "with a manifest beside it.\nExit codes: 0 complete, 2 usage error, 5 cannot connect or bind, "
            + "6 collected only in part (the dump and the manifest say what is missing), 130 Ctrl-C.")
        {
            o.Server, o.Port, o.Ldaps, o.StartTls, o.CaCert, o.Insecure, o.User, o.PasswordEnv, o.PasswordFile, o.AllowPlainBind,
            o.Format, o.Output, o.Scope, o.DomainServer, o.PageSize, o.RangeSize, o.Timeout, o.RunTimeout, o.Retries, o.Quiet,
        };

        var code = -1;   // stays -1 when --help or --version ran instead of the collector
        root.SetAction(parse => code = Execute(parse, o, output, error, cancel, environment, prompt, progress));
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var e in parsed.Errors)
            {
                error.WriteLine($"russnap-collect: {e.Message}");
            }

            error.WriteLine("Run 'russnap-collect --help' for usage.");
            return ExitCodes.UsageError;
        }

        var result = parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null });
        return code == -1 ? result : code;
    }

    private static int Execute(ParseResult parse, Options o, TextWriter output, TextWriter error, CancellationToken cancel,
        Func<string, string?> environment, PasswordPrompt prompt, bool progress)
    {
        int Usage(string message)
        {
            error.WriteLine("russnap-collect: " + message);
            error.WriteLine("Run 'russnap-collect --help' for usage.");
            return ExitCodes.UsageError;
        }

        var ldaps = parse.GetValue(o.Ldaps);
        var startTls = parse.GetValue(o.StartTls);
        if (ldaps && startTls)
        {
            return Usage("--ldaps and --starttls exclude each other");
        }

        var transport = ldaps ? Transport.Ldaps : startTls ? Transport.StartTls : Transport.Plain;
        var port = parse.GetValue(o.Port) ?? LdapEndpoint.DefaultPort(transport);
        if (port is < 1 or > 65535)
        {
            return Usage($"--port {port} is not a TCP port");
        }

        var server = parse.GetValue(o.Server)!.Trim();
        if (server.Length == 0)
        {
            return Usage("--server names no host");
        }

        var caCert = parse.GetValue(o.CaCert);
        var insecure = parse.GetValue(o.Insecure);
        if ((caCert is not null || insecure) && transport == Transport.Plain)
        {
            return Usage("--ca-cert and --insecure concern TLS: add --ldaps or --starttls");
        }

        if (caCert is not null && insecure)
        {
            return Usage("--ca-cert and --insecure exclude each other");
        }

        if (caCert is not null && !caCert.Exists)
        {
            return Usage($"--ca-cert {caCert.FullName}: no such file");
        }

        var format = parse.GetValue(o.Format)!.ToLowerInvariant() switch
        {
            "ldif" or "ldf" => (DumpFormat?)DumpFormat.Ldif,
            "csv" => DumpFormat.Csv,
            _ => null,
        };
        if (format is null)
        {
            return Usage($"--format {parse.GetValue(o.Format)}: use ldif or csv");
        }

        var scope = parse.GetValue(o.Scope)!.ToLowerInvariant();
        if (scope is not ("config" or "full"))
        {
            return Usage($"--scope {scope}: use config or full");
        }

        var domainServers = new Dictionary<string, (string Host, int? Port)>(StringComparer.OrdinalIgnoreCase);
        foreach (var spec in parse.GetValue(o.DomainServer) ?? [])
        {
            if (!TryParseDomainServer(spec, out var dns, out var host, out var p))
            {
                return Usage($"--domain-server {spec}: expected DNSNAME=HOST[:PORT]");
            }

            domainServers[dns] = (host, p);
        }

        var pageSize = parse.GetValue(o.PageSize);
        var rangeSize = parse.GetValue(o.RangeSize);
        var timeout = parse.GetValue(o.Timeout);
        var runTimeout = parse.GetValue(o.RunTimeout);
        var retries = parse.GetValue(o.Retries);
        if (pageSize is < 1 or > 100_000 || rangeSize is < 0 or > 1_000_000 || !(timeout > 0) || timeout > 86_400 || runTimeout < 0 || retries is < 0 or > 10)
        {
            return Usage("out of range: --page-size 1-100000, --range-size 0-1000000, --timeout > 0 (seconds), --run-timeout >= 0, --retries 0-10");
        }

        var outputPath = Path.GetFullPath(parse.GetValue(o.Output) ?? (format == DumpFormat.Csv ? "russnap-dump.csv" : "russnap-dump.ldf"));
        if (Directory.Exists(outputPath))
        {
            return Usage($"-o {outputPath} is a folder: name the dump file");
        }

        if (Path.GetDirectoryName(outputPath) is { } folder && !Directory.Exists(folder))
        {
            return Usage($"-o {outputPath}: the folder {folder} does not exist");
        }

        // ---- credentials: refuse a clear-text password before asking for it, before connecting anywhere.
        var user = parse.GetValue(o.User);
        var passwordEnv = parse.GetValue(o.PasswordEnv);
        var passwordFile = parse.GetValue(o.PasswordFile);
        if (user is null && (passwordEnv is not null || passwordFile is not null))
        {
            return Usage("--password-env and --password-file go with --user");
        }

        if (passwordEnv is not null && passwordFile is not null)
        {
            return Usage("--password-env and --password-file exclude each other");
        }

        var endpoint = new LdapEndpoint(server, port, transport);
        if (user is not null && transport == Transport.Plain && !parse.GetValue(o.AllowPlainBind))
        {
            error.WriteLine($"russnap-collect: refusing a simple bind to {endpoint} without TLS: the password would travel in clear. "
                + "Use --ldaps or --starttls (add --ca-cert FILE if the DC's CA is not trusted here), or --allow-plain-bind on a lab network. "
                + "Nothing was sent.");
            return ExitCodes.CannotConnect;
        }

        BindCredentials credentials;
        if (user is null)
        {
            credentials = BindCredentials.CurrentUser;
        }
        else
        {
            string? password;
            if (passwordEnv is not null)
            {
                password = environment(passwordEnv);
                if (string.IsNullOrEmpty(password))
                {
                    return Usage($"--password-env {passwordEnv}: the variable is not set or empty");
                }
            }
            else if (passwordFile is not null)
            {
                if (!passwordFile.Exists)
                {
                    return Usage($"--password-file {passwordFile.FullName}: no such file");
                }

                using var reader = new StreamReader(passwordFile.FullName, Encoding.UTF8);
                password = reader.ReadLine();
                if (string.IsNullOrEmpty(password))
                {
                    return Usage($"--password-file {passwordFile.FullName}: the first line is empty");
                }
            }
            else
            {
                password = prompt(user);
                if (password is null)
                {
                    return Usage("no password: give --password-env VAR or --password-file FILE, or run in a terminal to be asked");
                }
            }

            credentials = BindCredentials.Simple(user, password);
        }

        var options = new CollectorOptions
        {
            Server = endpoint,
            Credentials = credentials,
            Trust = new TlsTrust(caCert?.FullName, insecure),
            Format = format.Value,
            OutputPath = outputPath,
            FullScope = scope == "full",
            DomainServers = domainServers,
            PageSize = pageSize,
            RangeSize = rangeSize,
            RequestTimeout = TimeSpan.FromSeconds(timeout),
            RunTimeout = runTimeout > 0 ? TimeSpan.FromSeconds(runTimeout) : null,
            Retries = retries,
            Quiet = parse.GetValue(o.Quiet),
            Progress = progress,
        };
        return Collect(options, error, cancel);
    }

    internal static int Collect(CollectorOptions options, TextWriter error, CancellationToken cancel)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            var result = new ForestCollector(options, error, cancel).Run();
            if (!options.Quiet)
            {
                error.WriteLine(Summary(result, watch.Elapsed));
            }

            return result.ExitCode;
        }
        catch (ConnectException ex)
        {
            error.WriteLine("russnap-collect: " + ex.Message);
            return ExitCodes.CannotConnect;
        }
        catch (RunTimeoutException ex)
        {
            error.WriteLine("russnap-collect: " + ex.Message + " before anything was read; nothing written");
            return ExitCodes.CannotConnect;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            error.WriteLine("russnap-collect: interrupted: no dump written");
            return ExitCodes.Interrupted;
        }
        catch (IOException ex)
        {
            error.WriteLine("russnap-collect: cannot write the dump: " + ex.Message);
            return ExitCodes.UsageError;
        }
        catch (UnauthorizedAccessException ex)
        {
            error.WriteLine("russnap-collect: cannot write the dump: " + ex.Message);
            return ExitCodes.UsageError;
        }
    }

    private static string Summary(CollectionResult result, TimeSpan elapsed)
    {
        var m = result.Manifest;
        var c = CultureInfo.InvariantCulture;
        var read = m.NamingContexts.Count(n => n.Kind != "rootDse" && n.Status != "unread");
        var pages = m.NamingContexts.Sum(n => n.Pages);
        var ranges = m.NamingContexts.Sum(n => n.RangeRequests);
        var text = string.Create(c,
            $"russnap-collect: {m.Dump.Entries:N0} entries from {read} naming context(s), {pages:N0} pages, {ranges:N0} range requests, {elapsed.TotalSeconds:0.0} s -> {result.DumpPath}");
        return m.Complete
            ? text + " (complete)"
            : text + string.Create(c, $" (PARTIAL: {m.Unread.Count} item(s) not read, listed in {result.ManifestPath})");
    }

    internal static bool TryParseDomainServer(string spec, out string dnsName, out string host, out int? port)
    {
        dnsName = host = string.Empty;
        port = null;
        var eq = spec.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0 || eq == spec.Length - 1)
        {
            return false;
        }

        dnsName = spec[..eq].Trim().TrimEnd('.');
        var target = spec[(eq + 1)..].Trim();
        if (target.StartsWith('['))
        {
            // [IPv6]:port
            var close = target.IndexOf(']', StringComparison.Ordinal);
            if (close <= 1)
            {
                return false;
            }

            host = target[1..close];
            var rest = target[(close + 1)..];
            if (rest.Length == 0)
            {
                return dnsName.Length > 0;
            }

            if (rest[0] != ':' || !int.TryParse(rest[1..], NumberStyles.None, CultureInfo.InvariantCulture, out var bracketPort) || bracketPort is < 1 or > 65535)
            {
                return false;
            }

            port = bracketPort;
            return dnsName.Length > 0;
        }

        var colon = target.LastIndexOf(':');
        if (colon > 0 && target.IndexOf(':', StringComparison.Ordinal) == colon)
        {
            if (!int.TryParse(target[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p is < 1 or > 65535)
            {
                return false;
            }

            port = p;
            host = target[..colon];
        }
        else if (host.Length == 0)
        {
            host = target;
        }

        return dnsName.Length > 0 && host.Length > 0;
    }

    /// <summary>Asks on the terminal, without echo; null when there is no terminal.</summary>
    private static string? TerminalPrompt(string user)
    {
        if (Console.IsInputRedirected)
        {
            return null;
        }

        Console.Error.Write($"Password for {user}: ");
        var password = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                break;
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (password.Length > 0)
                {
                    password.Length--;
                }

                continue;
            }

            if (!char.IsControl(key.KeyChar))
            {
                password.Append(key.KeyChar);
            }
        }

        Console.Error.WriteLine();
        return password.ToString();
    }
}
