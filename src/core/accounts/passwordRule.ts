// The password rule, shared by the server (authority) and the web forms (saves a round trip).
// Of the kind 等保 2.0 第三级 asks for 身份鉴别: at least 10 characters, at least three of the
// four character classes (大写字母, 小写字母, 数字, 符号), not containing the username, not one of
// the passwords attackers try first.

export const passwordRuleText = '至少 10 个字符，包含大写字母、小写字母、数字、符号中的至少三类，不得包含用户名，不得使用常见弱口令';

/**
 * Passwords (lower-cased, after stripping trailing digits and symbols) that are tried first in
 * every guessing attack, including the Chinese favourites; a password that is one of these, or
 * one of these followed by digits and symbols, is refused whatever its length.
 */
const weakStems = new Set([
  'password', 'passw0rd', 'p@ssw0rd', 'p@ssword', 'admin', 'administrator', 'root', 'qwerty',
  'qwertyuiop', 'asdfghjkl', 'zxcvbnm', '1qaz2wsx', 'qazwsx', 'abc', 'abcd', 'abcdef', 'abcdefg',
  'abcdefgh', 'iloveyou', 'woaini', 'welcome', 'letmein', 'changeme', 'test', 'user', 'guest',
  'sysadmin', 'huawei', 'china', 'beijing', 'shanxi', 'jincheng', 'gaoping', 'zhangsan', 'lisi',
  'wangwu', 'ssj', 'shuangsuiji', 'scjg', 'amr', 'samr', 'gongshang', 'aa', 'a', 'aaa', 'aaaa',
]);

const digitsAndSymbols = /[\d\W_]+$/;

/** True for a password of the known weak kind: a weak word, a keyboard run, one repeated character. */
export function isKnownWeakPassword(password: string): boolean {
  const lower = password.toLowerCase();
  if (/^(.)\1+$/.test(lower)) return true;
  if (/^(.{1,3})\1{2,}[\d\W_]*$/.test(lower)) return true;
  const stem = lower.replace(digitsAndSymbols, '');
  if (stem === '' || weakStems.has(stem) || weakStems.has(lower)) return true;
  if (/^[a-z]$/.test(stem) || /^(.)\1+$/.test(stem)) return true;
  return ['0123456789', '1234567890', 'abcdefghijklmnopqrstuvwxyz', 'qwertyuiopasdfghjklzxcvbnm'].some((run) => run.includes(lower));
}

function characterClasses(password: string): number {
  return [/[A-Z]/, /[a-z]/, /\d/, /[^A-Za-z\d]/].filter((r) => r.test(password)).length;
}

/** Returns a Chinese message if the password is too weak, else null. */
export function passwordProblem(password: string, username?: string): string | null {
  if (password.length < 10) return '密码至少需要 10 个字符';
  if (password.length > 128) return '密码不能超过 128 个字符';
  if (characterClasses(password) < 3) return '密码需包含大写字母、小写字母、数字、符号中的至少三类';
  if (username && username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) return '密码不能包含用户名';
  if (isKnownWeakPassword(password)) return '密码属于常见弱口令，容易被猜中，请换一个';
  return null;
}
