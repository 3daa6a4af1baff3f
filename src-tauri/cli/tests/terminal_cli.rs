//! The command line's manners (issue 16): shell completions, a quiet end when the reader of the
//! output goes away (`| head`), and progress bars only for a person at a terminal.

use std::io::{BufRead, BufReader};
use std::os::fd::AsRawFd;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn cli_cmd(db: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_factdesk-cli"));
    cmd.arg("--db").arg(db).args(args).env_remove("FACTDESK_DB");
    cmd
}

fn ok(o: Output) -> String {
    assert!(o.status.success(), "failed ({}): {}", o.status, String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap()
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_factdesk-cli")).args(args).env_remove("FACTDESK_DB").output().unwrap()
}

/// The subcommands `--help` lists (of `factdesk-cli`, or of `factdesk-cli PARENT`).
fn subcommands(parent: &[&str]) -> Vec<String> {
    let mut args = parent.to_vec();
    args.push("--help");
    let help = ok(run(&args));
    let commands = help.split("Commands:\n").nth(1).expect("the help lists commands");
    let names: Vec<String> = commands
        .lines()
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|n| *n != "help")
        .map(str::to_string)
        .collect();
    assert!(names.len() >= 3, "{help}");
    names
}

fn words(script: &str) -> std::collections::HashSet<&str> {
    script.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_')).collect()
}

fn has_bash() -> bool {
    Command::new("bash").arg("--version").output().is_ok_and(|o| o.status.success())
}

/// What bash offers for the words typed so far (the last one being completed), through the
/// completion the script registers for factdesk-cli.
fn bash_offers(script: &Path, typed: &[&str]) -> Vec<String> {
    let words: Vec<String> = typed.iter().map(|w| format!("'{w}'")).collect();
    let program = format!(
        "source '{}' || exit 9
         spec=$(complete -p factdesk-cli) || exit 8
         fn=$(printf '%s' \"$spec\" | sed -n 's/.*-F \\([^ ]*\\).*/\\1/p')
         COMP_WORDS=({})
         COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 ))
         COMP_LINE=\"${{COMP_WORDS[*]}}\"
         COMP_POINT=${{#COMP_LINE}}
         \"$fn\" factdesk-cli \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"
         printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        script.display(),
        words.join(" ")
    );
    let o = Command::new("bash").arg("-c").arg(program).output().unwrap();
    assert!(o.status.success(), "bash ({}): {}", o.status, String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap().lines().map(str::to_string).collect()
}

#[test]
fn bash_completion_defines_its_function_names_every_command_and_completes_in_bash() {
    let script = ok(run(&["completions", "bash"]));
    let function = script
        .lines()
        .find_map(|l| l.trim().strip_prefix("complete -F ").and_then(|rest| rest.split_whitespace().next()))
        .expect("the script registers a completion function");
    assert!(script.lines().any(|l| l.trim().starts_with("complete -F") && l.trim().ends_with(" factdesk-cli")), "{script}");
    assert!(script.contains(&format!("{function}() {{")), "the script defines {function}");
    let known = words(&script);
    for name in subcommands(&[]).iter().chain(&subcommands(&["claim"])) {
        assert!(known.contains(name.as_str()), "the completion does not name `{name}`");
    }
    for option in ["--db", "--model-dir", "--synthetic", "--json"] {
        assert!(script.contains(option), "the completion does not offer {option}");
    }

    if !has_bash() {
        eprintln!("skipped the bash half: no bash on this machine");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("factdesk-cli.bash");
    std::fs::write(&file, &script).unwrap();
    let spec = Command::new("bash").arg("-c").arg(format!("source '{}' && complete -p factdesk-cli", file.display())).output().unwrap();
    let spec = ok(spec);
    assert!(spec.contains(&format!("-F {function}")) && spec.trim_end().ends_with("factdesk-cli"), "{spec}");

    let first = bash_offers(&file, &["factdesk-cli", "cl"]);
    assert_eq!(first, vec!["claim".to_string()], "factdesk-cli cl<Tab>");
    let all = bash_offers(&file, &["factdesk-cli", ""]);
    for name in subcommands(&[]) {
        assert!(all.contains(&name), "factdesk-cli <Tab> does not offer {name}: {all:?}");
    }
    let claim = bash_offers(&file, &["factdesk-cli", "claim", "l"]);
    assert_eq!(claim, vec!["list".to_string()], "factdesk-cli claim l<Tab>");
    let shells = bash_offers(&file, &["factdesk-cli", "completions", "f"]);
    assert_eq!(shells, vec!["fish".to_string()], "factdesk-cli completions f<Tab>");
}

#[test]
fn zsh_and_fish_completions_name_every_command() {
    let zsh = ok(run(&["completions", "zsh"]));
    assert!(zsh.starts_with("#compdef factdesk-cli"), "{}", &zsh[..zsh.len().min(200)]);
    let fish = ok(run(&["completions", "fish"]));
    assert!(fish.contains("complete -c factdesk-cli"), "{}", &fish[..fish.len().min(200)]);
    for (shell, script, check) in [("zsh", &zsh, ["-n"].as_slice()), ("fish", &fish, ["--no-execute"].as_slice())] {
        let known = words(script);
        for name in subcommands(&[]).iter().chain(&subcommands(&["claim"])) {
            assert!(known.contains(name.as_str()), "the {shell} completion does not name `{name}`");
        }
        // Parsed by the shell itself, where it is installed.
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("completion");
        std::fs::write(&file, script).unwrap();
        match Command::new(shell).args(check).arg(&file).output() {
            Ok(o) => assert!(o.status.success(), "{shell} cannot read its completion: {}", String::from_utf8_lossy(&o.stderr)),
            Err(_) => eprintln!("{shell} is not installed: its script was checked by content only"),
        }
    }
    let wrong = run(&["completions", "tcsh"]);
    assert_eq!(wrong.status.code(), Some(2));
    let err = String::from_utf8_lossy(&wrong.stderr);
    assert!(err.contains("tcsh") && err.contains("bash"), "{err}");
}

/// Waits (at most 60 s) for `child` to exit, and answers its output.
fn finish(mut child: std::process::Child) -> Output {
    let until = Instant::now() + Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() {
        assert!(Instant::now() < until, "the command never finished");
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

#[test]
fn output_into_a_closed_pipe_ends_every_command_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("pipe.factdesk");
    ok(cli_cmd(&db, &["demo", "--synthetic", "1000"]).output().unwrap());
    let commands: [&[&str]; 4] = [
        &["claim", "list"],
        &["claim", "list", "--json"],
        &["export", "--format", "md", "--all", "--out", "-"],
        &["export", "--format", "json", "--all", "--out", "-"],
    ];
    for args in commands {
        let whole = ok(cli_cmd(&db, args).output().unwrap());
        let mut child = cli_cmd(&db, args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
        let stdout = child.stdout.take().unwrap();
        // The command must still be writing when the reader goes: more output than the pipe holds
        // and the reader's buffer takes out of it.
        // SAFETY: F_GETPIPE_SZ only reads the pipe's capacity.
        let capacity = unsafe { libc::fcntl(stdout.as_raw_fd(), libc::F_GETPIPE_SZ) };
        assert!(capacity > 0);
        assert!(whole.len() > capacity as usize + 64 * 1024, "{args:?} prints {} bytes, the pipe holds {capacity}", whole.len());
        let mut reader = BufReader::new(stdout);
        let mut first = String::new();
        reader.read_line(&mut first).unwrap();
        assert_eq!(first, whole.lines().next().unwrap().to_string() + "\n", "{args:?}");
        drop(reader); // `| head -1` has read its line and gone
        let out = finish(child);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(out.status.success(), "{args:?} ended with {:?}: {err}", out.status);
        assert_eq!(err, "", "{args:?} says nothing when its reader leaves");
    }
    // Nothing was changed by the commands cut short.
    assert!(ok(cli_cmd(&db, &["info"]).output().unwrap()).contains("claims:    1005"));
}

#[test]
fn output_onto_a_full_disk_is_an_error_message_not_a_panic() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        eprintln!("skipped: no /dev/full");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("full.factdesk");
    ok(cli_cmd(&db, &["demo"]).output().unwrap());
    for args in [&["claim", "list"][..], &["export", "--format", "md", "--all", "--out", "-"][..], &["completions", "fish"][..]] {
        let out = cli_cmd(&db, args).stdout(full.try_clone().unwrap()).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.contains("could not write to standard output") && !err.contains("panicked"), "{args:?}: {err}");
    }
}

/// What a terminal would show: escape sequences, spinner or bar glyphs.
fn looks_drawn(s: &str) -> bool {
    s.contains('\u{1b}') || s.chars().any(|c| ('\u{2800}'..='\u{28ff}').contains(&c)) || s.contains("[=")
}

#[test]
fn no_progress_is_drawn_when_the_output_is_not_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("quiet.factdesk");
    let json = dir.path().join("all.json");
    let (json_s, md_s) = (json.display().to_string(), dir.path().join("all.md").display().to_string());
    let steps: [&[&str]; 6] = [
        &["demo", "--synthetic", "400"],
        &["export", "--format", "json", "--all", "--out", &json_s],
        &["export", "--format", "md", "--all", "--out", &md_s],
        &["export", "--format", "csv", "--all", "--out", "-"],
        &["import", "json", &json_s, "--dry-run"],
        &["import", "json", &json_s],
    ];
    for args in steps {
        let out = cli_cmd(&db, args).env("TERM", "xterm-256color").output().unwrap();
        let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        assert!(out.status.success(), "{args:?}: {stderr}");
        assert!(!looks_drawn(&stdout) && !looks_drawn(&stderr), "{args:?} drew progress into a pipe:\n{stdout}\n{stderr}");
        assert_eq!(stderr, "", "{args:?}");
    }

    // The same commands at a terminal (a pseudo-terminal made by util-linux `script`) do show it,
    // on standard error, and clear it before the summary.
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("skipped the terminal half: no `script` on this machine");
        return;
    }
    let bin = env!("CARGO_BIN_EXE_factdesk-cli");
    for (args, shows) in [
        ("demo --synthetic 3000".to_string(), "Generating 3000 claims"),
        (format!("export --format md --all --out '{md_s}'"), "Reading"),
        (format!("import json '{json_s}' --dry-run"), "Reading the records"),
    ] {
        let line = format!("'{bin}' --db '{}' {args}", db.display());
        let out = Command::new("script").args(["-qec", &line, "/dev/null"]).env("TERM", "xterm-256color").env_remove("FACTDESK_DB").output().unwrap();
        let seen = String::from_utf8_lossy(&out.stdout).replace("\r\n", "\n");
        assert!(out.status.success(), "{args}: {seen}");
        assert!(seen.contains(shows) && looks_drawn(&seen), "{args}: no progress at a terminal:\n{seen}");
        // What is left on screen: the summary on a cleared line.
        let last = seen.rsplit("\u{1b}[2K").next().unwrap();
        assert!(!looks_drawn(last) && !last.contains('\r'), "{args}: the progress was not cleared: {last:?}");
    }
}
