// libFuzzer's driver with a target chosen by the first argument:
//
//     virtsim-fuzz TARGET [libFuzzer options] [corpus folders]
//
// The targets are in Targets.swift. SwiftPM links an executable's top-level code as its `main`,
// which hides libFuzzer's own `main()`, so this file starts libFuzzer through its public driver
// entry point, `LLVMFuzzerRunDriver`, after taking the target's name off the arguments.
import Foundation

/// The target libFuzzer runs, set below before the driver starts.
nonisolated(unsafe) var selected: ((UnsafeRawBufferPointer) -> Void)? = nil

// The symbol libFuzzer's archive expects; the driver calls it with each input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    selected?(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

let names = fuzzTargets.map(\.name).joined(separator: ", ")
// The target: the first argument, or VIRTSIM_FUZZ_TARGET (set here for the processes libFuzzer
// starts itself, as -merge=1 does, with the arguments it was given: without the target's name).
let named = CommandLine.arguments.count >= 2 ? fuzzTargets.first(where: { $0.name == CommandLine.arguments[1] }) : nil
guard let target = named ?? fuzzTargets.first(where: { $0.name == ProcessInfo.processInfo.environment["VIRTSIM_FUZZ_TARGET"] }) else {
    FileHandle.standardError.write(
        Data("usage: virtsim-fuzz TARGET [libFuzzer options] [corpus folders]; TARGET is one of: \(names)\n".utf8))
    exit(2)
}
setenv("VIRTSIM_FUZZ_TARGET", target.name, 1)
selected = target.run
var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
if named != nil {
    // argv without the target's name: libFuzzer reads argv[0] and its own options.
    argv![1] = argv![0]
    argv = argv! + 1
    argc -= 1
}
exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzOne))
