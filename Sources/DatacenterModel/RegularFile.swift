#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why `path` is not an input file to read whole, or `nil` if it is a regular file (symbolic
/// links followed). A FIFO would block the reader forever and a device such as `/dev/zero`
/// never ends, so inputs are read only from regular files.
/// - Parameter path: The path to check.
/// - Returns: `nil`, or a reason such as `"it is a FIFO (named pipe), not a regular file"`.
public func notRegularFileReason(_ path: String) -> String? {
    var st = stat()
    guard stat(path, &st) == 0 else { return nil }  // missing or unreadable: the caller's open reports it
    switch st.st_mode & S_IFMT {
    case S_IFREG: return nil
    case S_IFDIR: return "it is a directory, not a regular file"
    case S_IFIFO: return "it is a FIFO (named pipe), not a regular file"
    case S_IFCHR, S_IFBLK: return "it is a device, not a regular file"
    case S_IFSOCK: return "it is a socket, not a regular file"
    default: return "it is not a regular file"
    }
}
