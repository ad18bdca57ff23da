import Glibc

extension FileError {
    /// The C library's text for `code` in Chinese, for the errors a clerk can meet (nil for the others, which keep the
    /// C library's English beside their errno number); the message around it is worded by the layers above
    /// (`SystemWords.fileError`).
    public var chineseReason: String? { Self.chineseReasons[code] }

    static let chineseReasons: [Int32: String] = [
        ENOENT: "没有这个文件或目录", EACCES: "权限不够", EPERM: "不允许这样操作", ENOSPC: "磁盘空间已满",
        EDQUOT: "超出磁盘配额", EFBIG: "文件太大", EEXIST: "文件已存在", EISDIR: "这是一个目录", ENOTDIR: "路径中有一部分不是目录",
        EROFS: "文件系统是只读的", EIO: "输入/输出错误（磁盘故障？）", ELOOP: "这是符号链接，此处不接受（或链接成环）",
        EBADF: "文件描述符无效", EMFILE: "本进程打开的文件过多", ENFILE: "系统打开的文件过多", ENAMETOOLONG: "文件名太长",
        EXDEV: "不能跨文件系统重命名", EBUSY: "设备或资源正忙", EWOULDBLOCK: "资源暂时不可用", EINVAL: "参数无效",
        ENXIO: "没有这个设备或地址（命名管道没有读取者？）", EPIPE: "管道已断开（读取者已退出）", ENOTEMPTY: "目录不是空的",
        ETXTBSY: "文件正被执行", EINTR: "操作被信号中断", ENOMEM: "内存不足", ESTALE: "网络文件系统的文件句柄已失效（请重新挂载）",
        ETIMEDOUT: "操作超时（网络存储无响应？）", ENODEV: "没有这个设备", ESPIPE: "这个文件不能定位读写（管道或套接字）",
        EOVERFLOW: "数值超出范围（文件太大？）", EOPNOTSUPP: "这个文件系统不支持此操作", ENOLCK: "没有可用的文件锁",
        EMLINK: "链接数过多", ENOSYS: "系统不支持此操作",
    ]
}

extension FileKind {
    /// The kind of file in Chinese ("目录", "命名管道（FIFO）"), for messages that name what a path turned out to be.
    public var chineseName: String {
        switch self {
        case .regular: return "普通文件"
        case .directory: return "目录"
        case .fifo: return "命名管道（FIFO）"
        case .characterDevice: return "字符设备"
        case .blockDevice: return "块设备"
        case .socket: return "套接字"
        case .symbolicLink: return "符号链接"
        case .other: return "其他类型的文件"
        }
    }
}
