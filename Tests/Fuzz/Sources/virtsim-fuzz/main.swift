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
guard CommandLine.arguments.count >= 2, let target = fuzzTargets.first(where: { $0.name == CommandLine.arguments[1] }) else {
    FileHandle.standardError.write(Data("usage: virtsim-fuzz TARGET [libFuzzer options] [corpus folders]; TARGET is one of: \(names)\n".utf8))
    exit(2)
}
selected = target.run
// argv without the target's name: libFuzzer reads argv[0] and its own options.
var arguments = CommandLine.unsafeArgv
arguments[1] = arguments[0]
var argc = CommandLine.argc - 1
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = arguments + 1
exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzOne))
