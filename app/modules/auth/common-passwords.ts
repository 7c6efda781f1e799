// The most common passwords in public breach corpora (incl. Chinese-language lists); refused at set-up.
const COMMON = new Set<string>([
  "123456", "123456789", "12345678", "password", "qwerty123", "qwerty", "1234567890", "1234567",
  "111111", "123123", "abc123", "password1", "iloveyou", "000000", "1q2w3e4r", "1q2w3e4r5t",
  "qwertyuiop", "123321", "654321", "666666", "888888", "88888888", "11111111", "00000000",
  "123456a", "a123456", "aa123456", "12345678a", "1234qwer", "qwer1234", "asdfghjkl", "zxcvbnm",
  "1qaz2wsx", "2wsx3edc", "zaq12wsx", "passw0rd", "p@ssw0rd", "p@ssword", "admin", "admin123",
  "admin@123", "administrator", "root123", "welcome", "welcome1", "welcome123", "letmein", "monkey",
  "dragon", "football", "baseball", "sunshine", "princess", "master", "shadow", "michael",
  "superman", "trustno1", "hello123", "abcd1234", "abcdefg", "abcdefgh", "123qwe", "123abc",
  "112233", "121212", "147258369", "159753", "159357", "147258", "987654321", "5201314",
  "520520", "1314520", "woaini", "woaini1314", "woaini520", "iloveyou1", "aini1314", "wangyu",
  "zhangwei", "liuyang", "88888888a", "66666666", "99999999", "12344321", "11223344", "13579",
  "135792468", "a1234567", "a12345678", "qq123456", "qwe123", "qweasd", "qweasdzxc", "asd123",
  "asdasd", "asdf1234", "changeme", "changeme123", "default", "guest", "secret", "secret123",
  "test123", "test1234", "testtest", "pass1234", "password123", "password12", "password!", "password1",
  "password123", "passw0rd!", "china123", "beijing", "shanghai", "huawei123", "telecom", "telecom123",
  "chinatelecom", "10086", "10000", "100000", "1234abcd", "abc12345", "abcd123456", "computer",
  "internet", "whatever", "freedom", "starwars", "batman", "access", "letmein1", "qazwsx",
  "qazwsxedc", "1q2w3e", "1qazxsw2", "zxcvbnm123", "777777", "555555", "999999", "7777777",
  "54321", "12341234", "20082008", "19880808", "19901010", "iloveu", "loveyou", "woaini123",
]);

export function isCommonPassword(password: string) {
  return COMMON.has(password.toLowerCase());
}
