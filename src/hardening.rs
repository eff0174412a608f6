//! Process hardening: no core dumps, so a crash never writes the keys or an
//! open record to disk (security review F16). Linux also marks the process
//! not dumpable, which keeps other processes of the same user from reading
//! its memory through ptrace or /proc. A no-op where neither exists.

/// Disable core dumps for this process. Failures are ignored: hardening
/// must never stop the tool from working.
pub fn disable_core_dumps() {
    #[cfg(unix)]
    {
        let _ = nix::sys::resource::setrlimit(nix::sys::resource::Resource::RLIMIT_CORE, 0, 0);
    }
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        let _ = nix::sys::prctl::set_dumpable(false);
    }
}

/// Whether core dumps are disabled (for the tests).
pub fn core_dumps_disabled() -> bool {
    #[cfg(unix)]
    {
        matches!(
            nix::sys::resource::getrlimit(nix::sys::resource::Resource::RLIMIT_CORE),
            Ok((0, 0))
        )
    }
    #[cfg(not(unix))]
    {
        true
    }
}
