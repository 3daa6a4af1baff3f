//! A private system keyring for a test: a session D-Bus of its own and GNOME Keyring's Secret
//! Service on it, in a temporary home, unlocked with a throwaway password. The test process is
//! pointed at that bus (DBUS_SESSION_BUS_ADDRESS), so use one per test binary. Both daemons stop
//! when it is dropped. gnome-keyring is installed by scripts/deps.sh test.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct TestKeyring {
    _home: tempfile::TempDir,
    bus: Child,
    keyring: Child,
}

impl TestKeyring {
    pub fn start() -> TestKeyring {
        for tool in ["dbus-daemon", "gnome-keyring-daemon", "dbus-send"] {
            assert!(
                Command::new("sh").arg("-c").arg(format!("command -v {tool}")).output().unwrap().status.success(),
                "{tool} is not installed: run scripts/deps.sh test (make test does)"
            );
        }
        let home = tempfile::tempdir().unwrap();
        let run = home.path().join("run");
        std::fs::create_dir(&run).unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&run, std::fs::Permissions::from_mode(0o700)).unwrap();
        let mut bus = Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--print-address=1"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("dbus-daemon starts");
        let mut address = String::new();
        BufReader::new(bus.stdout.take().unwrap()).read_line(&mut address).unwrap();
        let address = address.trim().to_string();
        assert!(address.starts_with("unix:"), "dbus-daemon gave no address");
        std::env::set_var("DBUS_SESSION_BUS_ADDRESS", &address);
        let mut keyring = Command::new("gnome-keyring-daemon")
            .args(["--foreground", "--unlock", "--components=secrets"])
            .env("HOME", home.path())
            .env("XDG_RUNTIME_DIR", &run)
            .env("XDG_DATA_HOME", home.path().join("data"))
            .env("DBUS_SESSION_BUS_ADDRESS", &address)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("gnome-keyring-daemon starts");
        keyring.stdin.take().unwrap().write_all(b"throwaway-unlock").unwrap();
        // Ready once the Secret Service answers on the bus.
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let out = Command::new("dbus-send")
                .args(["--session", "--print-reply", "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus.ListNames"])
                .env("DBUS_SESSION_BUS_ADDRESS", &address)
                .output()
                .unwrap();
            if String::from_utf8_lossy(&out.stdout).contains("org.freedesktop.secrets") {
                break;
            }
            assert!(Instant::now() < deadline, "GNOME Keyring's Secret Service did not come up");
            std::thread::sleep(Duration::from_millis(100));
        }
        TestKeyring { _home: home, bus, keyring }
    }
}

impl Drop for TestKeyring {
    fn drop(&mut self) {
        let _ = self.keyring.kill();
        let _ = self.keyring.wait();
        let _ = self.bus.kill();
        let _ = self.bus.wait();
    }
}
