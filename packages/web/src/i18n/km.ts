import type { Catalog } from './i18n';

/**
 * ភាសាខ្មែរ (Khmer), for partner hospitals in Cambodia: the sign-in screens and the header are translated;
 * other screens fall back to English until a medical translator completes them.
 */
export const km: Catalog = {
  'app.tagline': 'វេជ្ជសាស្ត្រពីចម្ងាយ សម្រាប់បណ្ដាញមន្ទីរពេទ្យ',

  'common.loading': 'កំពុងផ្ទុក…',
  'common.retry': 'ព្យាយាមម្ដងទៀត',
  'common.back': 'ត្រឡប់ក្រោយ',
  'common.cancel': 'បោះបង់',
  'common.close': 'បិទ',

  'time.seconds': '{count} វិនាទី',
  'time.minutes': '{count} នាទី',

  'language.label': 'ភាសា',

  'login.title': 'ចូលប្រើប្រព័ន្ធ',
  'login.identifier': 'អ៊ីមែល ឬលេខទូរស័ព្ទ',
  'login.identifier.hint': 'អ៊ីមែល ឬលេខទូរស័ព្ទ ដែលមូលដ្ឋានសុខាភិបាលរបស់អ្នកបានចុះឈ្មោះ',
  'login.identifier.required': 'សូមបញ្ចូលអ៊ីមែល ឬលេខទូរស័ព្ទ',
  'login.password': 'ពាក្យសម្ងាត់',
  'login.password.required': 'សូមបញ្ចូលពាក្យសម្ងាត់',
  'login.password.toggle': 'បង្ហាញ ឬលាក់ពាក្យសម្ងាត់',
  'login.submit': 'ចូល',

  'totp.step.title': 'ការផ្ទៀងផ្ទាត់ពីរជំហាន',
  'totp.step.help': 'បញ្ចូលលេខកូដ 6 ខ្ទង់ ដែលបង្ហាញក្នុងកម្មវិធីផ្ទៀងផ្ទាត់របស់អ្នក។',
  'totp.code': 'លេខកូដ 6 ខ្ទង់',
  'totp.code.invalidFormat': 'លេខកូដមាន 6 ខ្ទង់',
  'totp.verify': 'ផ្ទៀងផ្ទាត់',

  'nav.label': 'ម៉ឺនុយមេ',
  'nav.open': 'បើកម៉ឺនុយ',
  'nav.close': 'បិទម៉ឺនុយ',
  'nav.home': 'ទំព័រដើម',
  'nav.audit': 'កំណត់ហេតុសកម្មភាព',
  'nav.users': 'អ្នកប្រើប្រាស់',
  'nav.security': 'ការកំណត់សុវត្ថិភាព',

  'facility.switch': 'ប្ដូរមូលដ្ឋានសុខាភិបាល',
  'facility.network': 'បណ្ដាញទាំងមូល',
  'facility.none': 'គ្មានមូលដ្ឋានសុខាភិបាល',
  'facility.noRole': 'គ្មានតួនាទីនៅទីនេះ',

  'user.menu': 'ម៉ឺនុយគណនីរបស់ {name}',
  'user.signOut': 'ចាកចេញ',

  'home.greeting': 'សួស្ដី {name}',

  'list.loadMore': 'ផ្ទុកបន្ថែម',

  'triage.shown': 'កំពុងបង្ហាញ {shown} ក្នុងចំណោម {total} សំណើ',

  'role.system_admin': 'អ្នកគ្រប់គ្រងប្រព័ន្ធ',
  'role.facility_admin': 'អ្នកគ្រប់គ្រងមូលដ្ឋានសុខាភិបាល',
  'role.coordinator': 'អ្នកសម្របសម្រួល',
  'role.specialist': 'គ្រូពេទ្យឯកទេស',
  'role.clinician': 'គ្រូពេទ្យព្យាបាល',
  'role.site_operator': 'ប្រតិបត្តិករចំណុចភ្ជាប់',
  'role.patient': 'អ្នកជំងឺ',
  'role.trainee': 'សិក្ខាកាម',

  'error.UNKNOWN': 'មានបញ្ហាកើតឡើង។ សូមព្យាយាមម្ដងទៀត។',
  'error.NETWORK': 'មិនអាចភ្ជាប់ទៅម៉ាស៊ីនមេបានទេ។ សូមពិនិត្យបណ្ដាញ ហើយព្យាយាមម្ដងទៀត។',
  'error.AUTH_INVALID_CREDENTIALS': 'អ៊ីមែល/លេខទូរស័ព្ទ ឬពាក្យសម្ងាត់មិនត្រឹមត្រូវ។',
  'error.AUTH_TOTP_INVALID': 'លេខកូដមិនត្រឹមត្រូវ។ សូមរង់ចាំលេខកូដថ្មី ហើយព្យាយាមម្ដងទៀត។',
  'error.AUTH_ACCOUNT_LOCKED': 'គណនីត្រូវបានចាក់សោ ដោយសារការព្យាយាមខុសច្រើនដងពេក។',
  'error.AUTH_ACCOUNT_LOCKED.until': 'គណនីត្រូវបានចាក់សោ ដោយសារការព្យាយាមខុសច្រើនដងពេក រហូតដល់ {time}។',
  'error.AUTH_ACCOUNT_DISABLED': 'គណនីនេះត្រូវបានបិទ។ សូមទាក់ទងអ្នកគ្រប់គ្រងមូលដ្ឋានសុខាភិបាល។',
  'error.AUTH_RATE_LIMITED': 'ព្យាយាមច្រើនដងពេក។ សូមរង់ចាំ ហើយព្យាយាមម្ដងទៀត។',
  'error.AUTH_RATE_LIMITED.retry': 'ព្យាយាមច្រើនដងពេក។ សូមព្យាយាមម្ដងទៀតក្នុងរយៈពេល {wait}។',
  'error.AUTH_REQUIRED': 'វគ្គប្រើប្រាស់បានផុតកំណត់។ សូមចូលម្ដងទៀត។',
  'error.SERVICE_UNAVAILABLE': 'សេវាមិនអាចប្រើបានបណ្ដោះអាសន្ន។ សូមព្យាយាមម្ដងទៀតបន្តិចទៀត។',
  'error.INTERNAL': 'ម៉ាស៊ីនមេមានបញ្ហា។ សូមព្យាយាមម្ដងទៀតនៅពេលក្រោយ។',
};
