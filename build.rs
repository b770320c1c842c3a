//! For a Windows build only: gives parscore.exe its icon, its version information (from
//! Cargo.toml, shown in Explorer's Properties → Details) and its application manifest
//! (`assets/windows/`). When cross-building, winresource calls mingw's
//! `x86_64-w64-mingw32-windres`. Every other target builds nothing here.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=assets/windows");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    let root = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into());
    let asset = |name: &str| format!("{root}/assets/windows/{name}");
    let mut res = winresource::WindowsResource::new();
    res.set_icon(&asset("parscore.ico"))
        .set_manifest_file(&asset("parscore.exe.manifest"))
        .set_language(0x042a) // Vietnamese (Vietnam)
        .set(
            "FileDescription",
            "parscore – Chấm điểm tự đánh giá Chỉ số cải cách hành chính",
        )
        .set("LegalCopyright", "MIT")
        .set("OriginalFilename", "parscore.exe");
    if let Err(e) = res.compile_for("parscore") {
        println!("cargo:warning=cannot build the Windows resources (icon, version, manifest): {e}; is mingw-w64's windres installed (scripts/test-deps.sh)?");
        std::process::exit(1);
    }
}
