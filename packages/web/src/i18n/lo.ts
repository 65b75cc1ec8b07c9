import type { Catalog } from './i18n';

/**
 * ພາສາລາວ (Lao), for partner hospitals in Laos: the sign-in screens and the header are translated; other
 * screens fall back to English until a medical translator completes them.
 */
export const lo: Catalog = {
  'app.tagline': 'ການແພດທາງໄກ ສຳລັບເຄືອຂ່າຍໂຮງໝໍ',

  'common.loading': 'ກຳລັງໂຫຼດ…',
  'common.retry': 'ລອງໃໝ່',
  'common.back': 'ກັບຄືນ',
  'common.cancel': 'ຍົກເລີກ',
  'common.close': 'ປິດ',

  'time.seconds': '{count} ວິນາທີ',
  'time.minutes': '{count} ນາທີ',

  'language.label': 'ພາສາ',

  'login.title': 'ເຂົ້າສູ່ລະບົບ',
  'login.identifier': 'ອີເມວ ຫຼື ເບີໂທລະສັບ',
  'login.identifier.hint': 'ອີເມວ ຫຼື ເບີໂທລະສັບ ທີ່ສະຖານບໍລິການຂອງທ່ານລົງທະບຽນໄວ້',
  'login.identifier.required': 'ກະລຸນາປ້ອນອີເມວ ຫຼື ເບີໂທລະສັບ',
  'login.password': 'ລະຫັດຜ່ານ',
  'login.password.required': 'ກະລຸນາປ້ອນລະຫັດຜ່ານ',
  'login.password.toggle': 'ສະແດງ ຫຼື ເຊື່ອງລະຫັດຜ່ານ',
  'login.submit': 'ເຂົ້າສູ່ລະບົບ',

  'totp.step.title': 'ການຢືນຢັນສອງຂັ້ນຕອນ',
  'totp.step.help': 'ປ້ອນລະຫັດ 6 ຕົວເລກ ທີ່ສະແດງໃນແອັບຢືນຢັນຕົວຕົນຂອງທ່ານ.',
  'totp.code': 'ລະຫັດ 6 ຕົວເລກ',
  'totp.code.invalidFormat': 'ລະຫັດມີ 6 ຕົວເລກ',
  'totp.verify': 'ຢືນຢັນ',

  'nav.label': 'ເມນູຫຼັກ',
  'nav.open': 'ເປີດເມນູ',
  'nav.close': 'ປິດເມນູ',
  'nav.home': 'ໜ້າຫຼັກ',
  'nav.audit': 'ບັນທຶກການເຄື່ອນໄຫວ',
  'nav.users': 'ຜູ້ໃຊ້',
  'nav.security': 'ການຕັ້ງຄ່າຄວາມປອດໄພ',

  'facility.switch': 'ປ່ຽນສະຖານບໍລິການ',
  'facility.network': 'ທັງເຄືອຂ່າຍ',
  'facility.none': 'ບໍ່ມີສະຖານບໍລິການ',
  'facility.noRole': 'ບໍ່ມີບົດບາດຢູ່ນີ້',

  'user.menu': 'ເມນູບັນຊີຂອງ {name}',
  'user.signOut': 'ອອກຈາກລະບົບ',

  'home.greeting': 'ສະບາຍດີ, {name}',

  'list.loadMore': 'ໂຫຼດເພີ່ມ',

  'triage.shown': 'ສະແດງ {shown} ຈາກທັງໝົດ {total} ຄຳຮ້ອງ',

  'role.system_admin': 'ຜູ້ບໍລິຫານລະບົບ',
  'role.facility_admin': 'ຜູ້ບໍລິຫານສະຖານບໍລິການ',
  'role.coordinator': 'ຜູ້ປະສານງານ',
  'role.specialist': 'ແພດຊ່ຽວຊານ',
  'role.clinician': 'ແພດປິ່ນປົວ',
  'role.site_operator': 'ຜູ້ຄວບຄຸມຈຸດເຊື່ອມຕໍ່',
  'role.patient': 'ຄົນເຈັບ',
  'role.trainee': 'ຜູ້ເຂົ້າຮັບການຝຶກອົບຮົມ',

  'error.UNKNOWN': 'ເກີດຂໍ້ຜິດພາດ. ກະລຸນາລອງໃໝ່.',
  'error.NETWORK': 'ບໍ່ສາມາດເຊື່ອມຕໍ່ເຊີບເວີໄດ້. ກວດສອບເຄືອຂ່າຍ ແລ້ວລອງໃໝ່.',
  'error.AUTH_INVALID_CREDENTIALS': 'ອີເມວ/ເບີໂທລະສັບ ຫຼື ລະຫັດຜ່ານບໍ່ຖືກຕ້ອງ.',
  'error.AUTH_TOTP_INVALID': 'ລະຫັດບໍ່ຖືກຕ້ອງ. ລໍຖ້າລະຫັດໃໝ່ ແລ້ວລອງອີກຄັ້ງ.',
  'error.AUTH_ACCOUNT_LOCKED': 'ບັນຊີຖືກລັອກ ເນື່ອງຈາກພະຍາຍາມຜິດຫຼາຍເທື່ອເກີນໄປ.',
  'error.AUTH_ACCOUNT_LOCKED.until': 'ບັນຊີຖືກລັອກ ເນື່ອງຈາກພະຍາຍາມຜິດຫຼາຍເທື່ອເກີນໄປ, ຈົນຮອດ {time}.',
  'error.AUTH_ACCOUNT_DISABLED': 'ບັນຊີນີ້ຖືກປິດການນຳໃຊ້. ກະລຸນາຕິດຕໍ່ຜູ້ບໍລິຫານສະຖານບໍລິການ.',
  'error.AUTH_RATE_LIMITED': 'ພະຍາຍາມຫຼາຍເທື່ອເກີນໄປ. ກະລຸນາລໍຖ້າ ແລ້ວລອງໃໝ່.',
  'error.AUTH_RATE_LIMITED.retry': 'ພະຍາຍາມຫຼາຍເທື່ອເກີນໄປ. ລອງໃໝ່ໃນອີກ {wait}.',
  'error.AUTH_REQUIRED': 'ໝົດເວລາເຂົ້າໃຊ້. ກະລຸນາເຂົ້າສູ່ລະບົບອີກຄັ້ງ.',
  'error.SERVICE_UNAVAILABLE': 'ບໍລິການບໍ່ພ້ອມໃຊ້ງານຊົ່ວຄາວ. ກະລຸນາລອງໃໝ່ໃນອີກບໍ່ດົນ.',
  'error.INTERNAL': 'ເຊີບເວີເກີດຂໍ້ຜິດພາດ. ກະລຸນາລອງໃໝ່ພາຍຫຼັງ.',
};
