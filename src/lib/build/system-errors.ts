/**
 * What a failure of the machine rather than of the content means, in Chinese,
 * for the staff member who reads a failed build or publication and for the IT
 * colleague they forward it to. Node's own message ("ENOSPC: no space left on
 * device, write") names neither the cause in words staff know nor what to do.
 */

/** The system error codes a build or a publication meets in practice, each with its cause and what to do. */
const ADVICE: Readonly<Record<string, (path: string) => string>> = {
  ENOSPC: (path) => `磁盘空间已满${path}：请清理该磁盘（例如删除不再需要的旧文件），或请信息中心扩容后再试。`,
  EDQUOT: (path) => `磁盘配额已用完${path}：请信息中心提高运行账号的磁盘配额后再试。`,
  EACCES: (path) => `没有写入或读取的权限${path}：请信息中心让运行构建的账号可以读写该位置后再试。`,
  EPERM: (path) => `操作不被允许${path}：请信息中心检查该位置的权限和属性后再试。`,
  EROFS: (path) => `该位置只读，不能写入${path}：如工作台以 systemd 服务运行，请把输出、数据和发布目录加入 ReadWritePaths，或改设到可写的位置。`,
  EMFILE: () => "同时打开的文件太多：请信息中心提高运行账号的文件句柄上限（ulimit -n，或 systemd 的 LimitNOFILE）后再试。",
  ENFILE: () => "系统同时打开的文件太多：请稍后再试；仍然失败时请信息中心检查服务器。",
  ENOMEM: () => "系统内存不足：请关闭服务器上其他占用内存的程序后再试，或请信息中心增加内存。",
  ENOTDIR: (path) => `路径中应为文件夹的一段是文件${path}：请检查输出、数据或发布目录的设置。`,
  EXDEV: (path) => `文件不能跨磁盘移动${path}：请把输出目录和它的临时文件放在同一个磁盘上，或联系信息中心。`,
};

/** How an advice line ends (the workbench finds it in a failed build's log). */
export const ADVICE_END = /（系统错误 [A-Z]+）$/;

/** The first error in `error`'s chain of causes that carries a system error code. */
function systemError(error: unknown): NodeJS.ErrnoException | undefined {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 10; e = e.cause, depth++) {
    const errno: NodeJS.ErrnoException = e;
    if (typeof errno.code === "string" && errno.code in ADVICE) return errno;
  }
  return undefined;
}

/**
 * A sentence for staff saying what a system error means and what to do, or undefined when `error` is not one this
 * knows. `withPath: false` leaves the path out (a web page's answer: the server's log has it).
 */
export function systemErrorAdvice(error: unknown, { withPath = true } = {}): string | undefined {
  const e = systemError(error);
  if (!e?.code) return undefined;
  const path = e.path && withPath ? `（${e.path}）` : "";
  return `${ADVICE[e.code]?.(path) ?? ""}（系统错误 ${e.code}）`;
}
