// The password rule, shared by the server (authority) and the web forms (saves a round trip).

/** Returns a Chinese message if the password is too weak, else null. */
export function passwordProblem(password: string): string | null {
  if (password.length < 10) return '密码至少需要 10 个字符';
  if (password.length > 128) return '密码不能超过 128 个字符';
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) return '密码需同时包含字母和数字';
  return null;
}
