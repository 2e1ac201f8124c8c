// The page's own words in the languages a visitor can choose. The prompt's words come from its
// translations; a language missing here shows these words in English. Add a language by adding
// its tag (as in the prompt's translations) with the same keys.
export const WORDS = {
  en: {
    name: 'English', moment: 'Just a moment', thanks: 'Thank you.', thanksLong: 'Thank you for telling us', skip: 'Skip',
    noThanks: 'No thanks', write: 'Write a comment', support: "I'm answering with someone's support",
    readAloud: 'Read aloud', bigger: 'Bigger text', pictures: 'Pictures', language: 'Language',
    youSaidWeDid: 'You said, we did', youSaid: 'You said:', weDid: 'We did:', answer: 'Answer the question',
    yourComment: 'Your comment', done: 'Done', delete: 'Delete', space: 'Space', moreLetters: 'More letters'
  },
  cy: {
    name: 'Cymraeg', moment: 'Un eiliad', thanks: 'Diolch.', thanksLong: 'Diolch am ddweud wrthym', skip: 'Neidio',
    noThanks: 'Dim diolch', write: 'Ysgrifennu sylw', support: "Rwy'n ateb gyda chymorth rhywun",
    readAloud: 'Darllen yn uchel', bigger: 'Testun mwy', pictures: 'Lluniau', language: 'Iaith',
    youSaidWeDid: 'Dywedoch chi, fe wnaethom ni', youSaid: 'Dywedoch chi:', weDid: 'Fe wnaethom ni:',
    answer: "Ateb y cwestiwn", yourComment: 'Eich sylw', done: 'Wedi gorffen', delete: 'Dileu', space: 'Bwlch',
    moreLetters: 'Mwy o lythrennau'
  },
  pl: {
    name: 'Polski', moment: 'Chwileczkę', thanks: 'Dziękujemy.', thanksLong: 'Dziękujemy za opinię', skip: 'Pomiń',
    noThanks: 'Nie, dziękuję', write: 'Napisz komentarz', support: 'Odpowiadam z czyjąś pomocą',
    readAloud: 'Czytaj na głos', bigger: 'Większy tekst', pictures: 'Obrazki', language: 'Język',
    youSaidWeDid: 'Powiedzieliście, zrobiliśmy', youSaid: 'Powiedzieliście:', weDid: 'Zrobiliśmy:',
    answer: 'Odpowiedz na pytanie', yourComment: 'Twój komentarz', done: 'Gotowe', delete: 'Usuń', space: 'Spacja',
    moreLetters: 'Więcej liter'
  },
  pt: {
    name: 'Português', moment: 'Um momento', thanks: 'Obrigado.', thanksLong: 'Obrigado pela sua opinião', skip: 'Saltar',
    noThanks: 'Não, obrigado', write: 'Escrever um comentário', support: 'Estou a responder com a ajuda de alguém',
    readAloud: 'Ler em voz alta', bigger: 'Texto maior', pictures: 'Imagens', language: 'Idioma',
    youSaidWeDid: 'Disse, fizemos', youSaid: 'Disse:', weDid: 'Fizemos:', answer: 'Responder à pergunta',
    yourComment: 'O seu comentário', done: 'Concluído', delete: 'Apagar', space: 'Espaço', moreLetters: 'Mais letras'
  },
  ro: {
    name: 'Română', moment: 'Un moment', thanks: 'Mulțumim.', thanksLong: 'Mulțumim că ne-ați spus', skip: 'Sari peste',
    noThanks: 'Nu, mulțumesc', write: 'Scrieți un comentariu', support: 'Răspund cu ajutorul cuiva',
    readAloud: 'Citește cu voce tare', bigger: 'Text mai mare', pictures: 'Imagini', language: 'Limba',
    youSaidWeDid: 'Ați spus, am făcut', youSaid: 'Ați spus:', weDid: 'Am făcut:', answer: 'Răspundeți la întrebare',
    yourComment: 'Comentariul dvs.', done: 'Gata', delete: 'Șterge', space: 'Spațiu', moreLetters: 'Mai multe litere'
  },
  es: {
    name: 'Español', moment: 'Un momento', thanks: 'Gracias.', thanksLong: 'Gracias por decírnoslo', skip: 'Saltar',
    noThanks: 'No, gracias', write: 'Escribir un comentario', support: 'Respondo con la ayuda de alguien',
    readAloud: 'Leer en voz alta', bigger: 'Texto más grande', pictures: 'Imágenes', language: 'Idioma',
    youSaidWeDid: 'Usted dijo, nosotros hicimos', youSaid: 'Usted dijo:', weDid: 'Nosotros hicimos:',
    answer: 'Responder a la pregunta', yourComment: 'Su comentario', done: 'Hecho', delete: 'Borrar', space: 'Espacio',
    moreLetters: 'Más letras'
  },
  fr: {
    name: 'Français', moment: 'Un instant', thanks: 'Merci.', thanksLong: 'Merci de nous avoir répondu', skip: 'Passer',
    noThanks: 'Non merci', write: 'Écrire un commentaire', support: "Je réponds avec l'aide de quelqu'un",
    readAloud: 'Lire à voix haute', bigger: 'Texte plus grand', pictures: 'Images', language: 'Langue',
    youSaidWeDid: 'Vous avez dit, nous avons fait', youSaid: 'Vous avez dit :', weDid: 'Nous avons fait :',
    answer: 'Répondre à la question', yourComment: 'Votre commentaire', done: 'Terminé', delete: 'Effacer',
    space: 'Espace', moreLetters: 'Autres lettres'
  }
};

/** Languages written right to left: the page turns round for them. */
export const RIGHT_TO_LEFT = ['ar', 'fa', 'he', 'ps', 'ur', 'yi'];
