"""Demo community for the ``seed_demo`` command: board groups, boards, members, threads.

Pure data. Every word here is read by people who may be struggling, so it follows
the voice guide's safe-messaging rules: lived experience, coping and hope; no
methods, places or amounts; person-first language; a content warning on every
thread about self-harm, suicide, eating difficulties, trauma, substance use or grief;
crisis services named by region, never with an invented number.

Authors in THREADS are display names from MEMBERS; boards are slugs from GROUPS.
The first post of each thread opens it, the rest are replies in order.
"""

from __future__ import annotations

from typing import Any

GROUPS: list[dict[str, Any]] = [
    {
        "name": "Start here",
        "slug": "start-here",
        "description": "Say hello, find your way around, and share the good bits.",
        "boards": [
            {
                "name": "Introductions",
                "slug": "introductions",
                "description": (
                    "New here? Say hello, share as much or as little "
                    "as you like, and meet a few friendly faces."
                ),
                "guidelines": (
                    "- A hello is plenty. Share only what feels comfortable.\n"
                    "- Please welcome newcomers: a short reply "
                    "means a lot on someone's first day.\n"
                    "- Keep your real name, address and phone number off the board."
                ),
                "visibility": "public",
            },
            {
                "name": "Wins and gratitude",
                "slug": "wins-and-gratitude",
                "description": (
                    "Small wins count here: a shower, a phone call, a walk round "
                    "the block. Share what went right and cheer each other on."
                ),
                "guidelines": (
                    "- No win is too small.\n"
                    "- Celebrate without comparing. Everyone's steps look different.\n"
                    "- If you need support today, the other boards are ready for you."
                ),
                "visibility": "public",
            },
        ],
    },
    {
        "name": "Mood and anxiety",
        "slug": "mood-and-anxiety",
        "description": "Living with worry, low mood and changes in mood, day to day.",
        "boards": [
            {
                "name": "Anxiety and panic",
                "slug": "anxiety",
                "description": (
                    "For anyone living with worry, panic or social anxiety, "
                    "whether it's new to you or you've known it for years."
                ),
                "guidelines": (
                    "- Share what helps you, and let people choose what fits them.\n"
                    "- Please don't name medicines or doses. "
                    "Those are for you and your GP or prescriber."
                ),
                "visibility": "members",
            },
            {
                "name": "Depression and low mood",
                "slug": "depression",
                "description": (
                    "A gentle place for the heavy days and the "
                    "slow climb out, however long it takes."
                ),
                "guidelines": (
                    "- If your post touches on suicide or "
                    "self-harm, please add a content warning.\n"
                    "- If you're not safe right now, use **Need "
                    "help now?** at the top of the page.\n"
                    "- Reply with your own experience, not a diagnosis."
                ),
                "visibility": "members",
            },
            {
                "name": "Bipolar and mood changes",
                "slug": "bipolar",
                "description": (
                    "For people living with bipolar disorder or big shifts in mood, "
                    "and for the people who love them. Swap what keeps life steady."
                ),
                "guidelines": (
                    "- Talk about routines, early signs and what helps, not medicine doses.\n"
                    "- Highs and lows are both welcome. Nobody is judged for either."
                ),
                "visibility": "members",
            },
        ],
    },
    {
        "name": "Healing and recovery",
        "slug": "healing-and-recovery",
        "description": (
            "Boards for harder experiences, with content "
            "warnings so everyone can choose what they read."
        ),
        "boards": [
            {
                "name": "Trauma and PTSD",
                "slug": "trauma-and-ptsd",
                "description": (
                    "For people living with the effects of trauma, including PTSD and "
                    "complex PTSD. You never have to say what happened to belong here."
                ),
                "guidelines": (
                    "- Talk about how you're coping now, not the details of what happened.\n"
                    "- Add a content warning to every thread (*trauma* or *abuse*).\n"
                    "- Go at your own pace. Reading without posting is fine."
                ),
                "visibility": "members",
            },
            {
                "name": "Eating difficulties",
                "slug": "eating-difficulties",
                "description": (
                    "For anyone who has a hard relationship with food, eating "
                    "or their body, at any stage, with or without a diagnosis."
                ),
                "guidelines": (
                    "- No numbers: leave out weights, sizes, calories and amounts.\n"
                    "- Share feelings, coping and recovery, not specific behaviours.\n"
                    "- Use the *eating difficulties* content warning on every thread."
                ),
                "visibility": "members",
            },
            {
                "name": "Substance use and recovery",
                "slug": "substance-use-and-recovery",
                "description": (
                    "For people thinking about, working on or living in "
                    "recovery from alcohol or drug use, whatever path you're on."
                ),
                "guidelines": (
                    "- Every path is respected: cutting down, stopping, harm reduction.\n"
                    "- No amounts, sources or ways of using. Talk about what helps.\n"
                    "- A slip is not a failure. Reply with kindness."
                ),
                "visibility": "members",
            },
            {
                "name": "Grief and loss",
                "slug": "grief-and-loss",
                "description": (
                    "For anyone grieving a person, a pet, a relationship or the life "
                    "they expected. There's no right way to grieve and no timetable."
                ),
                "guidelines": (
                    "- Say their name if you'd like to. It's welcome here.\n"
                    "- If you're writing about a death by suicide, use the "
                    "*suicide* content warning and leave out how it happened."
                ),
                "visibility": "members",
            },
        ],
    },
    {
        "name": "Family and identity",
        "slug": "family-and-identity",
        "description": "Boards for the roles we carry and the parts of who we are.",
        "boards": [
            {
                "name": "Carers, family and friends",
                "slug": "carers-and-family",
                "description": (
                    "For anyone supporting someone they love through "
                    "a hard time. Your wellbeing matters too."
                ),
                "guidelines": (
                    "- Protect the person you care for: no names, "
                    "photos or details that could identify them.\n"
                    "- Your own feelings belong here too, including the hard ones."
                ),
                "visibility": "members",
            },
            {
                "name": "LGBTQ+",
                "slug": "lgbtq",
                "description": (
                    "For lesbian, gay, bi, trans, nonbinary, queer and questioning "
                    "members to talk about mental health with people who get it."
                ),
                "guidelines": (
                    "- Use the names and pronouns people give you.\n"
                    "- Nobody has to be out anywhere else to be welcome here."
                ),
                "visibility": "members",
            },
            {
                "name": "Young adults (18 to 25)",
                "slug": "young-adults",
                "description": (
                    "For members aged 18 to 25 working out study, work, "
                    "money, relationships and mental health all at once."
                ),
                "guidelines": (
                    "- Lots of people here are facing things for "
                    "the first time. Be patient with each other.\n"
                    "- Older members are welcome to reply as peers, not as parents."
                ),
                "visibility": "members",
            },
        ],
    },
    {
        "name": "Everyday life",
        "slug": "everyday-life",
        "description": "The day-to-day things that shape how we feel.",
        "boards": [
            {
                "name": "Sleep",
                "slug": "sleep",
                "description": (
                    "For racing thoughts at 3am, night shifts and "
                    "early starts, and swapping what helps you rest."
                ),
                "guidelines": (
                    "- Share what works for you. Leave sleeping "
                    "tablets and doses to your GP or prescriber."
                ),
                "visibility": "members",
            },
            {
                "name": "Loneliness and connection",
                "slug": "loneliness-and-connection",
                "description": (
                    "For anyone feeling cut off from other people, "
                    "and for finding small ways back to them."
                ),
                "guidelines": (
                    "- Keep contact details off the board, "
                    "even when you really click with someone.\n"
                    "- Invite, don't push. Everyone reconnects at their own pace."
                ),
                "visibility": "members",
            },
            {
                "name": "Work and study",
                "slug": "work-and-study",
                "description": (
                    "For looking after your mental health at work, at college "
                    "or while job hunting, including time off and going back."
                ),
                "guidelines": (
                    "- Don't name employers, colleagues or schools.\n"
                    "- Rules differ by country and workplace, so share "
                    "what helped you rather than what others must do."
                ),
                "visibility": "members",
            },
        ],
    },
]

MEMBERS: list[dict[str, Any]] = [
    {"display_name": "QuietHarbour", "email": "quietharbour@example.org"},
    {"display_name": "Sam T", "email": "sam.t@example.org"},
    {"display_name": "marigold_days", "email": "marigold.days@example.org"},
    {"display_name": "Ravi.K", "email": "ravi.k@example.org"},
    {"display_name": "northern_wren", "email": "northern.wren@example.org"},
    {"display_name": "Juniper-Lou", "email": "juniper.lou@example.org"},
    {"display_name": "Tomasz84", "email": "tomasz84@example.org"},
    {"display_name": "bluebell.moss", "email": "bluebell.moss@example.org"},
    {"display_name": "DeeOnTheCoast", "email": "deeonthecoast@example.org"},
    {"display_name": "kettle_on", "email": "kettle.on@example.org"},
]

# Robin, the demo member's login, has a few replies among these: whoever tries the
# demo as them has posted before, so their posts are published at once instead of
# waiting for a moderator as a brand-new member's first posts do.
THREADS: list[dict[str, Any]] = [
    # introductions
    {
        "board": "introductions",
        "title": "Hi, I'm new and a bit nervous",
        "content_warning": "",
        "posts": [
            (
                "QuietHarbour",
                "Hello everyone. I've been reading for a couple "
                "of weeks and finally made an account.\n\n"
                "I'm in my thirties, I work in a library, and I've lived with "
                "anxiety for most of my adult life. Mostly panic attacks, which "
                "have been worse since the winter. I don't really know what I want "
                "to say yet. I think I just wanted to be somewhere people "
                "understand without me having to explain it all from the start.\n\n"
                "My dog Biscuit is currently snoring on my feet, which is helping.",
            ),
            (
                "DeeOnTheCoast",
                "Welcome, QuietHarbour. Reading for a while first is a "
                "very sensible way in. You don't have to know what you "
                "want to say. Saying hello is enough for a first day.\n\n"
                "The *Anxiety and panic* board is a kind place if you'd like "
                "to talk about the panic attacks at some point. No rush at all.",
            ),
            (
                "Ravi.K",
                "Hi! Panic attacks here too. A library sounds like the calmest job in the "
                "world until your own brain decides otherwise, right? Glad you're here.",
            ),
            (
                "kettle_on",
                "Welcome. Give Biscuit a scratch behind the ears from me and Pepper (my cat, "
                "who does not snore, but does sit on the newspaper while I'm reading it).",
            ),
            (
                "Robin",
                "Welcome, QuietHarbour. I read for ages too before I said anything. The "
                "first post is the hardest one, and you've done it. Hello to Biscuit.",
            ),
            (
                "QuietHarbour",
                "Thank you, all of you. I was braced for nobody answering. "
                "Biscuit has received the scratch and says thank you too.",
            ),
        ],
    },
    {
        "board": "introductions",
        "title": "Hello from a mum who forgot to check on herself",
        "content_warning": "",
        "posts": [
            (
                "bluebell.moss",
                "Hi. I'm a teaching assistant and a mum of two. My eldest is 15 and "
                "he's been having a really hard year with anxiety and low mood.\n\n"
                "I've spent months reading everything I can about how to help him, and last "
                "night I realised I haven't talked to a single person about how *I'm* doing. "
                "So here I am, a bit awkwardly. I'm not sure I even know the answer yet.",
            ),
            (
                "northern_wren",
                "Hello and welcome. I've got two teenagers myself and I know that feeling "
                "of running on fumes while everyone else gets looked after first.\n\n"
                "You might find the *Carers, family and friends* board helpful. "
                "There are a few of us parents over there. And it's okay not to know "
                "how you're doing yet. Noticing that you haven't asked is a start.",
            ),
            (
                "marigold_days",
                "Welcome, love. You can't pour from an empty cup, as my mother "
                "used to say, and she was right about most things. Glad you came.",
            ),
            (
                "bluebell.moss",
                "Thank you both. I've had a look at the carers board and already feel less "
                "on my own. I'll post there properly when I've got my thoughts together.",
            ),
        ],
    },
    {
        "board": "introductions",
        "title": "Back after a long break",
        "content_warning": "",
        "posts": [
            (
                "Tomasz84",
                "Hi. I used to post on another forum years ago when I first had "
                "depression. I had a good few years after that and honestly "
                "thought I was done with it. It came back this autumn.\n\n"
                "I'm a dad to a four-year-old, I work in software "
                "testing, and I cycle when I can make myself. I think I'm "
                "here to listen more than talk for now, if that's okay.",
            ),
            (
                "Juniper-Lou",
                "Listening totally counts. Some of the most helpful threads I've read here "
                "I never replied to. Welcome back to the internet-people-who-get-it club.",
            ),
            (
                "DeeOnTheCoast",
                "Welcome, Tomasz. It's really disheartening when it comes back after "
                'a good stretch. I remember that *"but I was fine"* feeling.\n\n'
                "The good years were real, though, and the things that got you there "
                "are still yours. Post whenever you like, or never. Either is fine.",
            ),
        ],
    },
    # wins-and-gratitude
    {
        "board": "wins-and-gratitude",
        "title": "Tiny wins thread: what went right this week?",
        "content_warning": "",
        "posts": [
            (
                "Juniper-Lou",
                "I'll start. This week I:\n\n"
                "- answered two emails I'd been avoiding for a month\n"
                "- went to my pottery class even though I nearly cancelled twice\n"
                "- opened the curtains every single morning\n\n"
                "Your turn. Tiny counts. *Especially* tiny counts.",
            ),
            (
                "kettle_on",
                "Said good morning to the lady next door instead of just nodding. "
                "She invited me in for a cup of tea on Thursday. I'm going.",
            ),
            (
                "Sam T",
                "Got through a full run of four night shifts and still "
                "rang my sister on my day off like I promised I would.",
            ),
            (
                "QuietHarbour",
                "Took Biscuit to the *big* park on Saturday, the busy one with the "
                "café. Heart was going but we did a whole lap and I bought a coffee.",
            ),
            (
                "Tomasz84",
                "Played at the playground with my daughter for an hour and actually *was* "
                "there, not on my phone and not in my head. She made me go down the big slide.",
            ),
            (
                "Robin",
                "Cooked a proper dinner on Wednesday instead of toast again, and ate it at "
                "the table with the radio on. Felt like someone who looks after themselves.",
            ),
            (
                "Juniper-Lou",
                "These are all brilliant. kettle_on, I want a full report on the tea.",
            ),
        ],
    },
    {
        "board": "wins-and-gratitude",
        "title": "I went to my sister's wedding and stayed for the speeches",
        "content_warning": "",
        "posts": [
            (
                "Sam T",
                "Big one for me. My little sister got married on Saturday. "
                "For weeks I was sure I'd have to leave early: crowds, noise, "
                "a late night, all the things I usually keep an eye on.\n\n"
                "So I made a plan with her. A seat near the door, a quiet room "
                "I could step into, and my cousin knew to check in with me. I "
                "used the quiet room twice. I stayed for the speeches, I danced "
                "once (badly), and I was home and asleep by my usual time.\n\n"
                "She cried when she saw me on the dance floor. So did I, a bit.",
            ),
            (
                "marigold_days",
                "Oh, Sam, this made my morning. Planning it like that is "
                "such a grown-up, caring thing to do, for her and for you.",
            ),
            (
                "northern_wren",
                "Danced once badly is the best kind of dancing. "
                "Congratulations to your sister, and to you.",
            ),
            (
                "Ravi.K",
                "A plan with an escape room is genius. I'm stealing "
                "that for my cousin's engagement party next month.",
            ),
        ],
    },
    {
        "board": "wins-and-gratitude",
        "title": "Three years today",
        "content_warning": "substance use",
        "posts": [
            (
                "northern_wren",
                "Three years today since my last drink. I walked up onto the moor "
                "this morning with a flask of tea and just sat for a while.\n\n"
                "Three years ago I couldn't picture a single month. I'm so "
                "grateful to my kids, to my group, and honestly to a few of "
                "you on here who replied to me at odd hours in that first year.",
            ),
            (
                "DeeOnTheCoast",
                "Three years. Tea on the moor is a very fine way to mark it. Well done, wren.",
            ),
            (
                "Tomasz84",
                "Congratulations. This gives me a lot of hope right now, more than you know.",
            ),
            ("kettle_on", "Raising a mug of builder's tea to you."),
        ],
    },
    # anxiety
    {
        "board": "anxiety",
        "title": "Panic attacks at work: what helps you in the moment?",
        "content_warning": "",
        "posts": [
            (
                "QuietHarbour",
                "I had a panic attack at the issue desk yesterday, in the middle of a busy "
                "afternoon. I managed to get to the staff kitchen before it really hit, and my "
                "colleague covered for me, but I've felt shaky and embarrassed ever since.\n\n"
                "I know the theory. I know it passes. But in the moment all "
                "of that goes out of the window. What actually helps *you* "
                "when it's happening, especially when you can't just go home?",
            ),
            (
                "Ravi.K",
                "The one that works best for me is the 5-4-3-2-1 "
                "thing. I name, quietly or in my head:\n\n"
                "- 5 things I can see\n"
                "- 4 things I can touch\n"
                "- 3 things I can hear\n"
                "- 2 things I can smell\n"
                "- 1 thing I can taste\n\n"
                "It sounds silly but it gives my brain a job. In "
                "a library you'd have plenty of things to see!",
            ),
            (
                "DeeOnTheCoast",
                "Cold water on my wrists, and breathing out for longer than "
                "I breathe in. I don't count anything complicated. I just "
                "make the out-breath slow, like blowing on hot soup.\n\n"
                "And I say to myself, *this peaks and then it passes*. "
                "It always has, even when it felt like it wouldn't.\n\n"
                "Please don't feel embarrassed. You got yourself somewhere "
                "safe and you let a colleague help. That's coping, not failing.",
            ),
            (
                "Tomasz84",
                "Something small to hold helps me. I keep a smooth stone "
                "in my jacket pocket from a beach where I was happy. "
                "Feeling the cold weight of it brings me back to the room.",
            ),
            (
                "QuietHarbour",
                "Thank you so much, all of you.\n\n"
                "> That's coping, not failing.\n\n"
                "I needed to hear that. I tried the 5-4-3-2-1 on the bus home today when I felt "
                "it starting and it did take the edge off. Also, I now want a pocket stone.",
            ),
        ],
    },
    {
        "board": "anxiety",
        "title": "Does anyone else rehearse phone calls for days?",
        "content_warning": "",
        "posts": [
            (
                "Ravi.K",
                'I need to ring the dentist to book a check-up. I have been "about '
                "to ring the dentist\" for eleven days. I've written a script. I've "
                "rewritten the script. Please tell me I'm not the only one.",
            ),
            (
                "kettle_on",
                "You are not the only one. I delivered post for thirty-odd years and could chat "
                "to anyone on a doorstep, but a ringing phone still makes my stomach drop.\n\n"
                "For what it's worth, the receptionist has heard every kind of "
                "stumbling hello there is. You won't be the oddest call of their day.",
            ),
            (
                "Juniper-Lou",
                "Script on a sticky note, stuck to the wall at eye level, and I "
                "ring *first thing* before my brain wakes up enough to argue.\n\n"
                "Also worth checking if they have online booking. Avoiding the "
                "phone sometimes is fine. It's still getting the appointment.",
            ),
            (
                "bluebell.moss",
                "My son does exactly this. What helps us is I sit next to him while he rings. "
                "I don't say anything, I'm just there. Maybe a friend could sit with you?",
            ),
            (
                "Robin",
                "Not the only one at all. I say the first sentence out loud to the kettle "
                "before I dial. It feels daft, but by the real call the words are worn in.",
            ),
            (
                "Ravi.K",
                "UPDATE: I rang at 8:31 this morning with my flatmate "
                "pretending to read next to me. Booked. It took under "
                "two minutes. Eleven days for two minutes! Thank you all.",
            ),
        ],
    },
    # depression
    {
        "board": "depression",
        "title": "The guilt on the can't-do-anything days",
        "content_warning": "",
        "posts": [
            (
                "Tomasz84",
                "Some days at the moment even a shower feels like too much. I "
                "get through work on autopilot, and by the evening my partner "
                "does bedtime on her own because I'm just flat on the sofa.\n\n"
                "The tiredness I can almost live with. It's the guilt that gets "
                "me. My daughter asked why Daddy is sleepy all the time and I "
                "didn't have an answer. How do you deal with the guilt part?",
            ),
            (
                "Juniper-Lou",
                "Lowering the bar helped me more than anything. On the bad days a wash with "
                "a flannel counts, clean clothes count, brushing your teeth counts.\n\n"
                "And one thing I was told that stuck: you're not choosing this. "
                "Depression is making things heavy. You're still carrying them.",
            ),
            (
                "DeeOnTheCoast",
                "> It's the guilt that gets me.\n\n"
                "Tomasz, I've been there. What helped me was noticing that the guilt was "
                "just more of the depression talking, not a fair judge of me as a parent.\n\n"
                "For your daughter, a simple true sentence can be enough at four, "
                'something like *"Daddy is poorly at the moment and the doctor '
                'is helping, and I love you."* In my experience, little ones '
                "mostly need to know it isn't their fault and that they're loved.",
            ),
            (
                "Sam T",
                "Depression lies, mate. It tells you you're a burden when "
                "you're a dad who's still turning up to work and still "
                "worrying about his kid. That's not what a bad dad looks like.",
            ),
            (
                "Tomasz84",
                "Thank you. I used Dee's sentence almost word for word tonight. "
                'She said "okay" and asked for a story. Then she let me read '
                "it lying on the floor next to her bed, which was all I could "
                "manage, and it was fine. Better than fine, actually.",
            ),
        ],
    },
    {
        "board": "depression",
        "title": "One year on from the worst time of my life",
        "content_warning": "suicide",
        "posts": [
            (
                "Sam T",
                "I've been putting off writing this, but it's a year this week so here goes.\n\n"
                "A year ago I was in hospital at the end of a long depressive episode. I'd been "
                "having thoughts of suicide for weeks and hiding it from everyone. One night I "
                "called the crisis line, and that call is honestly why I'm here writing this.\n\n"
                "Things that helped me since, in no particular order:\n\n"
                "- telling my sister the truth, which was the "
                "hardest conversation of my life and the best\n"
                "- a safety plan I made with my care team, "
                "stuck on the fridge where I can't miss it\n"
                "- one person at work who knows, so I'm not pretending all shift\n"
                "- this place, on the nights I couldn't sleep\n\n"
                'I\'m not "fixed". I still have bad weeks. But I wanted '
                "anyone reading this on a bad night to know that the "
                "feeling *does* change, even when it swears it won't.\n\n"
                "If that's you right now, please use the **Need help now?** "
                "link at the top of the page, or contact the 988 Lifeline (US), "
                "Samaritans (UK & Ireland), or your local emergency number.",
            ),
            (
                "Ravi.K",
                "Thank you for writing this, Sam. I read it "
                "twice. I'm really glad you made that call.",
            ),
            (
                "DeeOnTheCoast",
                "This took real courage to write. Thank you.\n\n"
                "The safety plan on the fridge is something I did too, years "
                "ago, and it's still there. Some days I read it just to remind "
                "myself I've got options. One year, Sam. I'm so glad you're here.",
            ),
            (
                "marigold_days",
                "Sending you a great deal of warmth. Your sister must be so proud "
                "of you. I know I am, and I've only known you through a screen.",
            ),
            (
                "QuietHarbour",
                "Saving this thread. Thank you for being honest about "
                "the bad weeks too. That makes the hope feel more real.",
            ),
        ],
    },
    # bipolar
    {
        "board": "bipolar",
        "title": "Spotting the early signs of a high",
        "content_warning": "",
        "posts": [
            (
                "Sam T",
                "Nine years since my diagnosis and I'm still learning "
                "my own early warning signs. For me they're:\n\n"
                "1. sleeping less and *not feeling tired*\n"
                "2. starting five projects in one weekend\n"
                "3. spending on things that seem like brilliant ideas at the time\n"
                "4. talking faster. My sister notices this one before I do\n\n"
                "I've written them down and my sister has a copy, with "
                "what I'd like her to do if she sees them. What are your "
                "early signs, and does anyone else share a list like this?",
            ),
            (
                "northern_wren",
                "I live with bipolar II, so my highs are quieter, and honestly I used to "
                "miss them completely. Mine are getting very sociable and chatty with "
                "strangers, and suddenly wanting to repaint the whole house at 11pm.\n\n"
                "I share a list with my GP and my partner. The bit that made the "
                "biggest difference was agreeing in advance *how* my partner would "
                "mention it, so it doesn't feel like an accusation in the moment.",
            ),
            (
                "DeeOnTheCoast",
                "From the other side: my partner lives with bipolar disorder and we "
                "have a plan like yours, Sam. We wrote it together on a good day. "
                "Having it written down means I can just say \"I think we're at step "
                'two" instead of us arguing about whether something is happening.',
            ),
            (
                "Sam T",
                '"I think we\'re at step two" is brilliant. It takes the '
                "heat right out of it. Going to suggest that to my sister.",
            ),
        ],
    },
    {
        "board": "bipolar",
        "title": "How do you tell a new friend about your diagnosis?",
        "content_warning": "",
        "posts": [
            (
                "northern_wren",
                "I've made a new friend through my walking group and we're getting "
                "close. I want to tell her I live with bipolar II, partly because I "
                "might need to cancel plans sometimes and I'd rather she knew why.\n\n"
                "But the last time I told someone, they got weird and started treating "
                "me like I might break. How do you do it? Do you do it at all?",
            ),
            (
                "Sam T",
                "I keep it short and matter-of-fact, like I'd tell someone about asthma:\n\n"
                "> I live with bipolar disorder. Mostly it's well managed, sometimes "
                "I need to cancel things, and if I do it's not about you.\n\n"
                "Then I let them ask questions if they want to. The people "
                'worth keeping usually just say "okay, thanks for telling me".',
            ),
            (
                "Ravi.K",
                "Not the same thing, but coming out taught me it's okay to choose when "
                "and who. You don't owe her it. But if you want her to know, the fact "
                "you're thinking this carefully says she's lucky to have you as a friend.",
            ),
            (
                "northern_wren",
                "Told her on our walk on Sunday, pretty much using Sam's "
                "words. She said her brother lives with it too and then "
                "asked if I wanted a biscuit. Best possible outcome.",
            ),
        ],
    },
    # trauma-and-ptsd
    {
        "board": "trauma-and-ptsd",
        "title": "When a memory hits out of nowhere",
        "content_warning": "trauma",
        "posts": [
            (
                "Juniper-Lou",
                "Something tiny in a shop today, just a smell, took me "
                "straight back and I lost most of the afternoon. I got home "
                "okay, but I've felt far away from myself ever since.\n\n"
                "I'm not going to go into what the memory was. I'm just wondering "
                "what helps other people come back to *now* when this happens?",
            ),
            (
                "DeeOnTheCoast",
                "I'm sorry, Juniper. Those out-of-nowhere ones are exhausting. What helps me:\n\n"
                "- feet flat on the floor, pressing down, noticing the ground holding me\n"
                "- saying out loud where and when I am: *\"It's "
                "Tuesday. I'm in my kitchen. I'm safe now.\"*\n"
                "- something strong-tasting, a mint or a sip of very cold water\n"
                "- my comfort box, which has a soft scarf, a photo "
                "of the sea, a playlist written on a card\n\n"
                "And afterwards, being gentle with myself. Losing an afternoon isn't a "
                "failure. Your mind was trying to protect you, just at the wrong moment.",
            ),
            (
                "QuietHarbour",
                "Not quite the same, but when I feel far away I put my hand on "
                "Biscuit and count his breaths. Something warm and alive and right "
                "here. Maybe a pet or even a hot water bottle could do the same?",
            ),
            (
                "Juniper-Lou",
                'Thank you both. I said the "it\'s Tuesday" thing out '
                "loud (it's actually Wednesday, which made me laugh, "
                "which helped too). Starting a comfort box this weekend.",
            ),
        ],
    },
    {
        "board": "trauma-and-ptsd",
        "title": "Starting therapy at 71: what was the first session like?",
        "content_warning": "trauma",
        "posts": [
            (
                "kettle_on",
                "I've never talked to anybody about some things that happened when I was "
                "young. It's been over fifty years. My daughter found me a service that "
                "works with older people and I have my first appointment on Monday.\n\n"
                "I'm not sure what I'm frightened of exactly. Maybe that once I start I "
                "won't be able to stop. What was it like for those of you who've done it?",
            ),
            (
                "DeeOnTheCoast",
                "> It's been over fifty years.\n\n"
                "And you're still choosing to look after "
                "yourself. That's something to be proud of.\n\n"
                "My first few sessions were mostly about feeling safe: getting to know the "
                "therapist, talking about what helps me when I'm upset, what I'd like to "
                "get out of it. I didn't have to tell my story at the start, and when I "
                "did, it was a bit at a time and at my pace. A good therapist will keep "
                "checking in with you. You're allowed to say *\"that's enough for today\"*.",
            ),
            (
                "northern_wren",
                "It's a brave thing to do at any age. I cried all the way home after my first "
                "session, and then slept better than I had in months. I hope Monday goes gently.",
            ),
            (
                "Sam T",
                "Good luck Monday. Maybe plan something easy and nice for afterwards. I always "
                "have a coffee and a walk after my appointments before I go back to real life.",
            ),
            (
                "kettle_on",
                "Went today. She was kind and didn't rush me, and we mostly talked "
                "about my garden and what a good week looks like. Going back next "
                "week. Had a sausage roll and sat on a bench after, as Sam suggested.",
            ),
        ],
    },
    # eating-difficulties
    {
        "board": "eating-difficulties",
        "title": "Recovery isn't a straight line (a harder week)",
        "content_warning": "eating difficulties",
        "posts": [
            (
                "Juniper-Lou",
                "I'm about two years into recovery and most days now "
                "food is just... food. Which still amazes me.\n\n"
                "But this week has been harder. A relative made a comment about my body "
                "at a family dinner, meant as a compliment, and it's been rattling "
                "round my head ever since. The old thoughts got loud again.\n\n"
                "I haven't slipped back, but I'm tired from holding on. I think "
                "I just needed to say it somewhere it would be understood.",
            ),
            (
                "Ravi.K",
                "That's so hard, especially when the person meant "
                "it kindly and you can't even be angry properly.\n\n"
                "I'm earlier on than you, but what my dietitian keeps telling "
                "me is that loud thoughts aren't the same as going backwards. "
                "Holding on *is* the recovery. You're doing it right now.",
            ),
            (
                "DeeOnTheCoast",
                "Thank you for saying it here rather than carrying it alone. Two "
                "years of work doesn't disappear because of one careless comment. Is "
                "there someone on your support team you could mention this week to?",
            ),
            (
                "Juniper-Lou",
                "Yes, I see my therapist on Thursday and I'm going to "
                'bring it up. Ravi, "holding on is the recovery" is '
                "going on a sticky note next to my phone script.",
            ),
            (
                "QuietHarbour",
                "I had a hard time with food as a teenager, and a comment like that can still "
                "throw me years later. You're not alone in it. Glad you've got Thursday.",
            ),
        ],
    },
    {
        "board": "eating-difficulties",
        "title": "Family meals at a birthday: planning ahead",
        "content_warning": "eating difficulties",
        "posts": [
            (
                "Ravi.K",
                "It's my mum's birthday in a few weeks and there's a big family meal, "
                "which means lots of food, lots of relatives and lots of *comments*. "
                "There's always someone who says something about what's on your plate.\n\n"
                "Guys don't get talked about much when it comes to eating difficulties, "
                "and most of my family don't know. How do you get through these meals?",
            ),
            (
                "Juniper-Lou",
                "Family meals were my hardest thing for a long time. What helped me:\n\n"
                "- telling **one** person at the table, so there's an ally in the room\n"
                '- a code word with that person for "please change the subject"\n'
                "- a plan for a short break, like offering "
                "to wash up or taking a phone call outside\n"
                "- a plan for *after*: something calming, and someone to text\n\n"
                "Also talking it through with my care team beforehand "
                "made it feel less like a test I could fail.",
            ),
            (
                "bluebell.moss",
                "Speaking as a mum: if it was my son, I would *want* to know if the "
                "birthday meal was hard for him. Not to make a fuss, just so I could help "
                "steer things. Is there anyone in your family who might be that ally?",
            ),
            (
                "Ravi.K",
                "My sister, I think. I'm going to tell her this weekend and suggest "
                "the code word. Thank you for the list, Juniper, I've screenshotted it.",
            ),
            (
                "Juniper-Lou",
                "That sounds like a great plan. Come back and tell "
                "us how it went if you'd like. Rooting for you.",
            ),
        ],
    },
    # substance-use-and-recovery
    {
        "board": "substance-use-and-recovery",
        "title": "Had a slip after eight months and I feel like I've thrown it all away",
        "content_warning": "substance use",
        "posts": [
            (
                "Tomasz84",
                "My drinking crept up when the depression came back, and I stopped "
                "eight months ago. On Friday I went to a colleague's leaving do "
                "and I drank. I told myself it would be just the once.\n\n"
                "I've felt awful all weekend, and not only physically. It feels like "
                "eight months of work just disappeared. I haven't told my partner yet.",
            ),
            (
                "northern_wren",
                "Tomasz, you haven't lost eight months. You had eight months of "
                "mornings, eight months of being there for your daughter, eight "
                "months of learning what helps. None of that goes anywhere.\n\n"
                "I slipped twice in my first year. Both times, what helped was being "
                "honest quickly, with my sponsor and with my partner, and then looking "
                "at what happened with curiosity instead of punishment. What was going "
                "on that evening? Tired? Lonely? Feeling like you had to fit in?",
            ),
            (
                "DeeOnTheCoast",
                "Reaching out on a Monday after a hard weekend is a "
                "recovery skill in itself. You're doing it already.",
            ),
            (
                "Sam T",
                "For what it's worth, the slip didn't start the real damage for "
                "me, the hiding did. Telling someone took the power out of it.",
            ),
            (
                "Tomasz84",
                "Thank you. I told my partner last night. She was "
                "sad but not angry, and she said something like:\n\n"
                "> I'd much rather you tell me than carry it alone.\n\n"
                "Looking back, I was exhausted and I didn't want to be \"the one who "
                "doesn't drink\" at a leaving do. Next time I'm going to take my own "
                "alcohol-free drink and leave after an hour. I've also booked to see my GP.",
            ),
        ],
    },
    {
        "board": "substance-use-and-recovery",
        "title": "Things I wish I'd known in my first month sober",
        "content_warning": "substance use",
        "posts": [
            (
                "northern_wren",
                "A few people have messaged me asking how I started, so "
                "here's my list. Everyone's different, take what fits:\n\n"
                "- **Talk to your GP before you stop**, especially if you drink every day. "
                "Stopping suddenly isn't safe for everyone, and they can help you do it safely.\n"
                "- **Tell one person.** Just one. It doesn't have to be a big announcement.\n"
                "- **HALT.** When a craving hits, check if you're Hungry, "
                "Angry, Lonely or Tired. Often it's one of those.\n"
                "- **Have a nice drink ready.** Sounds daft, but "
                "fizzy water in a proper glass helped a lot.\n"
                "- **Sleep can get worse before it gets better.** It does get better.\n"
                "- **Find your people**, whether that's a group, "
                "a meeting, an online forum or this board.\n\n"
                "What would you add?",
            ),
            (
                "kettle_on",
                "The pub was my whole social life, so stopping meant losing that too. "
                "Joining a walking group gave me somewhere to be on a Saturday that "
                "wasn't a bar stool. I'd add: replace the place, not just the drink.",
            ),
            (
                "Ravi.K",
                "At uni everything happens around drinking. I'd add: you don't "
                'owe anyone an explanation. "I\'m not drinking tonight" is a '
                "complete sentence. The people who push aren't your people.",
            ),
            (
                "QuietHarbour",
                "Bookmarking this for a friend who's thinking about cutting "
                "down. The HALT one is useful for anxiety too, honestly.",
            ),
        ],
    },
    # grief-and-loss
    {
        "board": "grief-and-loss",
        "title": "Two years without Graham",
        "content_warning": "grief and loss",
        "posts": [
            (
                "marigold_days",
                "It's two years on Sunday since my husband Graham "
                "died. We had forty-one years together.\n\n"
                "His flat cap is still on the hook by the back door. People have gently "
                "suggested I move it and I just can't. I go down to the allotment most "
                "mornings because it was *ours*, and some days that helps and some days "
                "I just sit in the shed and cry among his seed trays.\n\n"
                "The second year has been harder than the first in some ways. "
                "Everyone else has moved on, and I feel I'm supposed to have too.",
            ),
            (
                "kettle_on",
                "Forty-one years. Leave the cap where it is for "
                "as long as you like. There's no rule about it.",
            ),
            (
                "DeeOnTheCoast",
                "I've heard a lot of people say the second year is harder. The fog lifts a "
                "bit and the loss is clearer, and the cards and casseroles stop coming.\n\n"
                "You haven't got to have moved on. Maybe it's more that you "
                "carry him differently as time goes on. The allotment sounds "
                "like a beautiful way to do that, tears in the shed included.",
            ),
            (
                "bluebell.moss",
                "Sending you love for Sunday. Is there someone who could be with "
                "you, or would you rather have the day to yourself with him?",
            ),
            (
                "marigold_days",
                "My daughter is coming down and we're going to plant his "
                "sweet peas together, like he did every spring. Thank you, "
                "all of you. It helps to say his name to people who'll let me.",
            ),
        ],
    },
    {
        "board": "grief-and-loss",
        "title": "Losing my dog and feeling silly for how much it hurts",
        "content_warning": "grief and loss",
        "posts": [
            (
                "northern_wren",
                "We lost our old collie, Skye, last week. She was fourteen. She walked me "
                "through my whole first year of recovery, literally. Out on the moor every "
                "morning whatever the weather, because she needed it, which meant I did too.\n\n"
                "I keep reaching for her lead at seven o'clock. Someone "
                'at work said "it\'s only a dog" and I nearly lost it. '
                "Is it daft that this has hit me as hard as losing people?",
            ),
            (
                "QuietHarbour",
                "Not daft at all. Skye was your routine and your company and part of "
                "your recovery. I can't even think about losing Biscuit. I'm so sorry.",
            ),
            (
                "marigold_days",
                "Grief is love with nowhere to go, I read once. You loved her "
                "every day for fourteen years. Of course it hurts like this.",
            ),
            (
                "Sam T",
                "Sorry about Skye. Maybe keep doing the seven o'clock "
                "walk for a while, for her? When my family's dog died, "
                "walking her old route helped my mum more than anything.",
            ),
            (
                "northern_wren",
                "Went up the old route this morning with her lead in my "
                "pocket. Cried the whole way, but it felt right. Thank you.",
            ),
        ],
    },
    {
        "board": "grief-and-loss",
        "title": "Grieving a friend who died by suicide",
        "content_warning": "suicide",
        "posts": [
            (
                "DeeOnTheCoast",
                "I'm usually the one replying here, but I need to write this myself. My friend "
                "Aled died by suicide in the spring. We'd known each other since school.\n\n"
                "The grief has been different from any other I've had. There's so much *why*, "
                "and so much going back over the last time we spoke looking for something I "
                "missed. Some days I'm angry, and then I feel terrible for being angry.\n\n"
                "What has helped is a support group for people bereaved by suicide, "
                "which my GP pointed me to, and learning that all of these feelings are "
                "common. I'm posting partly because I'd like anyone in the same place to "
                "know those groups exist, and that you don't have to carry this alone.",
            ),
            (
                "marigold_days",
                "Oh Dee. I'm so sorry about Aled. You've held so many of "
                "us up here. Please let us do a bit of the holding now.",
            ),
            (
                "Tomasz84",
                "I'm sorry. I lost a cousin this way when I was twenty. The "
                "going-over-everything lasted a long time for me. What eventually helped "
                "was accepting that the only person who could have answered the why "
                "questions was him. Being angry and loving him at the same time was allowed.",
            ),
            (
                "Juniper-Lou",
                "> you don't have to carry this alone\n\n"
                "That goes for you too, Dee. Thank you for trusting us with "
                "this. I'm glad the group is helping. Thinking of you and Aled.",
            ),
            (
                "DeeOnTheCoast",
                "Thank you. I lit a candle by his photo this evening and said a few things "
                "to him out loud. Reading your replies afterwards felt like company.",
            ),
        ],
    },
    # carers-and-family
    {
        "board": "carers-and-family",
        "title": "My son told me he'd been self-harming. How do I look after myself?",
        "content_warning": "self-harm",
        "posts": [
            (
                "bluebell.moss",
                "Six weeks ago my 15-year-old told me he'd been self-harming. I'm so proud "
                "of him for telling me. We've got his GP involved and he's now seeing the "
                "young people's mental health team, and he seems a little lighter.\n\n"
                "But I'm running on empty. I lie awake listening for him. I "
                "go over and over whether I missed something. I smile all "
                "day at work and then cry in the car before I go in.\n\n"
                "I know I need to look after myself to look after him, "
                "I just don't know how. How do other parents cope?",
            ),
            (
                "northern_wren",
                "First, your son told you. That means he trusts you, and that's something "
                "you built over fifteen years. It didn't happen by accident.\n\n"
                "What helped me when one of mine was struggling: I asked our GP "
                "for something for *me* too, and found a parents' support group "
                "through the young people's team. Sitting in a room with other "
                "parents who weren't shocked by anything was such a relief.",
            ),
            (
                "DeeOnTheCoast",
                "I self-harmed as a teenager, and I want to tell you what made a "
                "difference to me then. It was my mum staying calm and not making "
                "it about her fear. It sounds like you're already doing that.\n\n"
                "You're allowed to have those feelings somewhere that isn't "
                "in front of him. The car, a friend, here. That's not hiding, "
                "it's giving him space and still looking after yourself.",
            ),
            (
                "marigold_days",
                "The crying in the car is so familiar from when Graham was ill. Could one "
                "small thing each day be just for you? Mine was ten minutes with a cup of "
                "tea and the crossword, phone off. It sounds tiny, but it kept me going.",
            ),
            (
                "bluebell.moss",
                "Thank you, truly. I've asked the team about a parents' group, and "
                "there's one on Tuesday evenings. And I've started my ten minutes. Today "
                "it was a walk round the block in the sunshine, phone left at home.",
            ),
        ],
    },
    {
        "board": "carers-and-family",
        "title": "My brother is in hospital and I'm the one everyone calls",
        "content_warning": "",
        "posts": [
            (
                "Tomasz84",
                "My older brother lives with bipolar disorder and he's been "
                "admitted to hospital back home in Poland. I'm the one who speaks "
                "the best English *and* Polish, so somehow I've become the "
                "go-between for the doctors, my parents, his ex-wife, everyone.\n\n"
                "I love him and I'm glad he's getting care. But I'm on the phone "
                "every evening and I'm struggling with my own stuff at the same time. "
                "Is it selfish to want a break from being the one everyone calls?",
            ),
            (
                "Sam T",
                "Not selfish at all. I've been the person in hospital, and my sister was "
                "the one everyone called. She told me afterwards she nearly burned out.\n\n"
                "What helped her: she set one time each evening for calls, and asked our "
                "cousin to share the updates with the wider family. Looking back, I'd much "
                "rather she looked after herself than ran herself into the ground for me.",
            ),
            (
                "bluebell.moss",
                "Could someone else take one part of it, like updating your parents, so "
                "you're only dealing with the doctors? You don't have to be the whole hub.",
            ),
            (
                "DeeOnTheCoast",
                "Carers need carers. Wanting a break is a sign you've been carrying a lot, not "
                "a sign you love him less. Please look after yourself through this, Tomasz.",
            ),
            (
                "Tomasz84",
                "I asked my cousin Ania to handle updates for the family, and "
                "I'm taking the doctor calls only. First evening off the "
                "phone in two weeks tonight. I read my daughter three stories.",
            ),
        ],
    },
    # lgbtq
    {
        "board": "lgbtq",
        "title": "Coming out to my parents, one year later",
        "content_warning": "",
        "posts": [
            (
                "Ravi.K",
                "A year ago this month I came out to my parents. Mum hugged me. "
                "Dad went quiet and, honestly, stayed quiet for most of the "
                "year. He never said anything unkind, he just... didn't say "
                "anything. My anxiety had a field day with that silence.\n\n"
                "Last weekend I was home and out of nowhere he asked how my "
                "boyfriend's new job was going. He'd remembered his *name*. "
                "I had to go and stand in the garden for a minute.\n\n"
                "I'm posting because a year ago I read threads here at 2am and they got me "
                "through. So, to anyone in the silent bit: it can move. Slowly, but it can.",
            ),
            (
                "Juniper-Lou",
                "Standing in the garden for a minute is such a real "
                "reaction. I'm so happy for you. Thank you for coming "
                "back and posting the hopeful part. We need more of those.",
            ),
            (
                "DeeOnTheCoast",
                "I came out a very long time ago, and my own dad took about three "
                "years to find his words. When he did, they were about as awkward as "
                "a question about a boyfriend's job, and they meant the world.\n\n"
                "Some people need time to catch up with who you've "
                "been all along. I'm glad yours is catching up.",
            ),
            ("Sam T", "He remembered his name. That's a dad trying. Made me well up on my break."),
        ],
    },
    {
        "board": "lgbtq",
        "title": "Finding a therapist who gets it",
        "content_warning": "",
        "posts": [
            (
                "Juniper-Lou",
                "I'm nonbinary (they/them) and I'm looking for a new therapist. "
                "My last one was kind in lots of ways, but kept getting my "
                "pronouns wrong, and half of every session went on me explaining "
                "basic stuff instead of working on what I came in for.\n\n"
                "How did you find someone affirming? What do you ask before you commit?",
            ),
            (
                "Ravi.K",
                "The counselling service at my uni asked for my pronouns on "
                "the first form without me having to bring it up, and honestly "
                "that alone told me a lot. Worth seeing if services near you "
                "have directories where therapists list LGBTQ+ experience.",
            ),
            (
                "DeeOnTheCoast",
                "I ask in the first call, before booking anything:\n\n"
                "- *Have you worked with trans and nonbinary clients before?*\n"
                "- *How do you keep learning about LGBTQ+ lives?*\n"
                "- *What would you do if you got something wrong?*\n\n"
                "The answer to the last one tells you the most. You want someone who says "
                "\"I'd want to know, and I'd correct it\", not someone who gets defensive.",
            ),
            (
                "Juniper-Lou",
                "Those questions are perfect, thank you. I found a directory through a "
                "local LGBTQ+ centre (something like https://example.org/find-a-therapist) "
                "and I've got two first calls booked next week. Feeling hopeful.",
            ),
        ],
    },
    # young-adults
    {
        "board": "young-adults",
        "title": "Final year and everyone seems to have a plan except me",
        "content_warning": "",
        "posts": [
            (
                "Ravi.K",
                "Final year of uni. Everyone on my course seems to have grad "
                "schemes, master's places or a year abroad lined up. I have a "
                "dissertation that's going slowly and a vague feeling of dread.\n\n"
                'Every time someone asks "so what\'s next?" I get that '
                "tight-chest thing. Is it normal not to know at 22?",
            ),
            (
                "Juniper-Lou",
                "Very normal. I graduated two years ago with no plan at all. I work in a "
                "coffee shop, I make pottery, and I'm slowly working out what I actually "
                "want. That's not a failure, it's just what 24 looks like for me.\n\n"
                "Also, a lot of the people who *seem* to have a "
                "plan are just better at saying it confidently.",
            ),
            (
                "Tomasz84",
                "I changed careers completely at 30. The plan I had at 22 lasted about "
                "eighteen months. It's okay to not know. Focus on getting the dissertation "
                'done, one small chunk at a time, and let "what\'s next" wait.',
            ),
            (
                "QuietHarbour",
                "When people ask, I've found \"I'm taking some time to figure "
                "that out\" works as a full answer. You don't have to defend it.",
            ),
            (
                "Ravi.K",
                "This helped a lot, thank you. I've printed \"one small chunk "
                'at a time" and stuck it above my desk. 500 words done today.',
            ),
        ],
    },
    {
        "board": "young-adults",
        "title": "Living on my own for the first time: how do you keep a routine?",
        "content_warning": "",
        "posts": [
            (
                "Juniper-Lou",
                "Just moved into my first place on my own. I love the quiet and "
                "having my own space, but without anyone around my days are going "
                "a bit shapeless. I sleep at odd times, leave the washing-up for "
                "days, and some evenings I don't speak to anyone at all.\n\n"
                "I know routine helps my mood. How do you build one when nobody's watching?",
            ),
            (
                "kettle_on",
                "I was nineteen in my first bedsit and I didn't know how "
                "to boil an egg. Two things helped me then, and they "
                "still help me now I'm on my own again at seventy-one:\n\n"
                "- an anchor at each end of the day: the same time up "
                "and the same wind-down, even if the middle is a mess\n"
                "- one reason to leave the house every day, even if it's just to buy milk\n\n"
                "And a cat, but I appreciate that's not for everyone.",
            ),
            (
                "Ravi.K",
                'My flatmate and I do a "body double" thing on video call sometimes. We '
                "each just get on with chores or work with the camera on. Weirdly motivating.",
            ),
            (
                "northern_wren",
                "I write tomorrow's three things on a sticky note before bed. "
                "Not a big to-do list, just three. Getting up to something "
                "already decided is easier than deciding in the morning.",
            ),
            (
                "Juniper-Lou",
                "Anchors at each end of the day, three things on a note, and I'm "
                "absolutely thinking about the cat. Thank you, this is really practical.",
            ),
        ],
    },
    # sleep
    {
        "board": "sleep",
        "title": "Night shifts and keeping my sleep steady",
        "content_warning": "",
        "posts": [
            (
                "Sam T",
                "I work nights at a bakery, four on and three off. My care team "
                "and I have worked out that sleep is one of my biggest early "
                "warning signs, so keeping it steady really matters for me.\n\n"
                "What I do so far:\n\n"
                "- blackout blinds and a cheap sleep mask\n"
                "- same sleep window on work days, no matter what\n"
                "- phone on *do not disturb* from when I get in\n\n"
                "The days off are the hard bit. Switching back to daytime wrecks "
                "me. Any other night-shift people found a way to handle the switch?",
            ),
            (
                "northern_wren",
                "Not nights, but when I first stopped drinking my sleep was all over the place. "
                "What helped was a fixed *wake-up* time, even if bedtime wandered. Maybe on days "
                "off you could keep the wake-up close to your work pattern and shift gradually?",
            ),
            (
                "kettle_on",
                "Thirty years of 4am starts on the post. I used to keep my first day "
                'off as a "half" day. Sleep in a bit, nothing planned, get outside '
                "in daylight as soon as I was up. Daylight seemed to reset me quickest.",
            ),
            (
                "QuietHarbour",
                "My brother does nights as a paramedic and swears by a short walk "
                "in the morning light before bed on his last shift. Might be worth "
                "asking your care team about too, since they know your patterns.",
            ),
            (
                "Sam T",
                "Half day on the first day off and daylight first thing, "
                "I'll try that this week. I'll run the gradual shift idea "
                "past my care team at my next appointment. Cheers, all.",
            ),
        ],
    },
    {
        "board": "sleep",
        "title": "3am and my mind won't stop",
        "content_warning": "",
        "posts": [
            (
                "kettle_on",
                "Every night lately I wake at about 3am and my mind goes over "
                "everything: old mistakes, money, whether I locked the back "
                "door. I lie there for hours. Pepper thinks it's breakfast time.",
            ),
            (
                "QuietHarbour",
                "I keep a notebook by the bed. When the thoughts start, I write "
                "them down, even just a word each, and tell myself *\"they're "
                'on the paper now, I can pick them up in the morning"*. It '
                "doesn't always work, but it works more than lying there does.",
            ),
            (
                "DeeOnTheCoast",
                "If I've been awake a while, I get up rather than fighting it. Dim light, "
                "the most boring book I own, a warm drink that isn't tea or coffee, and back "
                "to bed when I feel sleepy. My bed is for sleeping, not for worrying in.\n\n"
                "If it keeps going for weeks, it's worth mentioning to your "
                "GP too. Sleep and low mood tangle up together sometimes.",
            ),
            (
                "marigold_days",
                "The radio on very low. There's something comforting about voices talking "
                "quietly about things that have nothing to do with me. Since Graham died "
                "I've fallen asleep to the shipping forecast more nights than I can count.",
            ),
            (
                "kettle_on",
                "Notebook by the bed, and the radio on low. Two nights in a row I was "
                "back asleep within the hour. Pepper remains unconvinced. Thank you.",
            ),
        ],
    },
    # loneliness-and-connection
    {
        "board": "loneliness-and-connection",
        "title": "New town, don't know a soul",
        "content_warning": "",
        "posts": [
            (
                "kettle_on",
                "I moved last spring to be nearer my daughter and "
                "grandkids. She's wonderful, but she works full time and "
                "has her own busy life, and I don't want to be a burden.\n\n"
                "Some days the only person I speak to is the man at the corner "
                "shop. Back home I knew everyone on my round. Here I'm just "
                "the old fella with the cat. Where do you even start at my age?",
            ),
            (
                "QuietHarbour",
                "I work in a library, and I promise you libraries are secretly full of "
                "things for exactly this. Ours has a Tuesday morning games club, a "
                "reading group and a *knit and natter* (men very welcome, we have two "
                "regulars). Might be worth popping into yours and asking at the desk.\n\n"
                "Also, you're never a burden for wanting company.",
            ),
            (
                "northern_wren",
                "A walking group changed everything for me. You walk side by side, "
                "so you don't have to make eye contact or think of things to say. "
                "The conversation just sort of happens. Lots of towns have free ones.",
            ),
            (
                "marigold_days",
                "After Graham died I joined the allotment society, mostly "
                "for the plot. I stayed for the people. Is there a garden or "
                "a community allotment near you? They always need more hands.",
            ),
            (
                "kettle_on",
                "Well. I went to the library's games morning on Tuesday. Played dominoes "
                "with a retired bus driver called Len, who moved here to be near his "
                "son, same as me. We're going again next week. Thank you, QuietHarbour.",
            ),
            (
                "QuietHarbour",
                "This is the best thing I've read all week. Say hello to Len from me.",
            ),
            (
                "Robin",
                "Dominoes with Len sounds like a proper start. When I moved for work, a "
                "Thursday quiz team did the same for me: one evening a week, and nobody "
                "minds that I'm hopeless at the sport questions.",
            ),
        ],
    },
    {
        "board": "loneliness-and-connection",
        "title": "Lonely in a crowded room",
        "content_warning": "",
        "posts": [
            (
                "Juniper-Lou",
                "I talk to people all day at the coffee shop. Regulars, "
                "colleagues, the lot. Everyone would say I'm chatty. And then "
                "I get home and feel like nobody actually *knows* me.\n\n"
                "It's not that I'm short of people. It's that I'm short of "
                "people I can be honest with. Does that make sense to anyone?",
            ),
            (
                "Ravi.K",
                "It makes total sense. At uni I'm surrounded by people and I felt lonelier in "
                "first year than I ever did at home. For me it got better when I found one or "
                "two people I could be real with, not more people. This place counts too.",
            ),
            (
                "Sam T",
                "Makes sense to me. For a long time everyone knew the "
                "joking version of me and nobody knew the rest.\n\n"
                "What changed it was telling one person one true thing, small at "
                'first. Like "I\'ve had a rough week, actually" instead of "yeah, '
                'fine". Most people meet you there if you give them the chance.',
            ),
            (
                "DeeOnTheCoast",
                "Being known is a different need from being around people, and you can have "
                "lots of one and very little of the other. Noticing which one you're missing "
                "is a real step. Who's the person you'd most like to say one true thing to?",
            ),
            (
                "Juniper-Lou",
                "Probably my friend from pottery class. We've been talking glazes for "
                "six months. Maybe it's time to talk about something else. Thanks, "
                "all of you. This thread is kind of proving the point, isn't it?",
            ),
        ],
    },
    # work-and-study
    {
        "board": "work-and-study",
        "title": "Did you tell your manager about your anxiety?",
        "content_warning": "",
        "posts": [
            (
                "QuietHarbour",
                "After my panic attack at the issue desk (thread over on the "
                "anxiety board), I'm wondering about telling my manager. Part of "
                "me thinks it would help to have a plan. Part of me is scared "
                "she'll see me differently or stop giving me the good shifts.\n\n"
                "Did you tell your workplace? How did it go?",
            ),
            (
                "Tomasz84",
                "I told my manager about my depression when it came back, mostly "
                "because I needed time for appointments. I kept it simple: "
                "what's going on, what would help, what I'm doing about it.\n\n"
                "She was better than I expected. It depends a lot on the workplace and "
                "where you live, though. It might be worth looking up what support "
                "your employer offers first, so you go in knowing your options.",
            ),
            (
                "Sam T",
                "Didn't tell at my first job and spent two years pretending. Told at this one, "
                'and my supervisor knowing means I can say "I need five minutes" without a big '
                "conversation. For me it's been worth it, but it's your call and your timing.",
            ),
            (
                "northern_wren",
                "If you do, it can help to write down two or three specific things "
                "you'd like (like being able to step away for a few minutes) before "
                "the meeting. Then it's about solutions, not just the diagnosis.",
            ),
            (
                "QuietHarbour",
                "I did it! I wrote a few notes beforehand like northern_wren "
                "said. My manager was lovely. She told me her partner has panic "
                "attacks. We agreed I can take five minutes in the back office "
                "whenever I need it, and she'll check in with me once a month.\n\n"
                "I'm so glad I asked here first.",
            ),
        ],
    },
    {
        "board": "work-and-study",
        "title": "Going back to work after time off with stress",
        "content_warning": "",
        "posts": [
            (
                "bluebell.moss",
                "I've been off work for three weeks with stress. It's "
                "been a hard few months at home. I'm due back at school "
                "on Monday on a phased return, mornings only at first.\n\n"
                "I'm dreading the questions in the staffroom. What do you say to "
                "colleagues? And how did you pace yourself in the first weeks?",
            ),
            (
                "Tomasz84",
                "The first time I had depression, years ago, I took some time off and then "
                "went back. For colleagues, I had one sentence ready: *\"I've been unwell, I'm "
                "doing better, and I'm glad to be back.\"* Then I changed the subject, usually "
                'by asking about them. Nearly everyone just said "good to have you back".\n\n'
                "For pacing: I planned nothing for the "
                "afternoons. Honestly, I needed them to rest.",
            ),
            (
                "DeeOnTheCoast",
                "The phased return is there for a reason. Please don't try "
                "to prove anything by doing more than agreed. The first week "
                "is just about getting through the door and going home again.",
            ),
            (
                "Sam T",
                "Have a small thing to look forward to at the end of each morning. A walk, a "
                "nice lunch, a sit in the car with a podcast. Gives the shift an end point.",
            ),
            (
                "bluebell.moss",
                "First week done. I used Tomasz's sentence at least ten times. The "
                "children made me a card, which nearly undid me. Afternoon walks with "
                "my phone at home are becoming a habit. Thank you for being here.",
            ),
        ],
    },
]


# A little work for the demo moderator: what a review queue looks like on a
# normal morning. Written to show the tools, never anyone in crisis.
QUEUE: dict[str, dict[str, Any]] = {
    # A reply that reads as judgmental, flagged by two members.
    "flagged_reply": {
        "thread_board": "depression",
        "author": "Tomasz84",
        "body": "Honestly you just need to get outside more and stop dwelling on it. "
        "Everyone feels down sometimes.",
        "flagged_by": ["QuietHarbour", "marigold_days"],
        "reason": "judgmental",
    },
    # A newcomer's first post, held until a moderator has looked.
    "held_first_post": {
        "board": "introductions",
        "member": {"display_name": "FirstLight", "email": "firstlight@example.org"},
        "title": "Hello from someone who has been reading for a while",
        "body": "I've been reading here for a few weeks and finally made an account. "
        "I'm living with anxiety and it's been a lot lately. Thank you all for "
        "being so kind to each other — it made me brave enough to say hi.",
    },
}


# What some members share on their profiles: lived experiences from the starter
# vocabulary (members/migrations/0006_default_experiences.py), which of them other
# members see ("shown"; the rest are kept to themselves), a short bio, and the two
# members the organization trained as peer supporters. kettle_on and marigold_days
# keep all of theirs to themselves, as is their right (and the default); Robin, Sam T,
# Juniper-Lou and Tomasz84 show some and keep others. Robin is the demo member's login.
PROFILES: dict[str, dict[str, Any]] = {
    "Robin": {
        "experiences": ["Anxiety", "Loneliness"],
        "shown": ["Anxiety"],
        "bio": "Here to listen and to learn. Tea, long walks and bad puns help me most days.",
    },
    "QuietHarbour": {
        "experiences": ["Anxiety", "Burnout and stress"],
        "shown": ["Anxiety", "Burnout and stress"],
        "bio": "Quiet most of the time, reading more than posting. Slowly finding my feet.",
    },
    "Sam T": {
        "experiences": ["Bipolar disorder", "Depression"],
        "shown": ["Depression"],
        "bio": "Night-shift worker, early riser by force. Learning my patterns one week at a time.",
    },
    "northern_wren": {
        "experiences": ["Bipolar disorder", "Grief and loss", "Substance use recovery"],
        "shown": ["Bipolar disorder", "Grief and loss", "Substance use recovery"],
        "peer_supporter": True,
        "bio": "Trained peer supporter. I've been where a lot of you are, and I'm still "
        "here. Happy to listen — no advice unless you ask for it.",
    },
    "Juniper-Lou": {
        "experiences": ["Eating disorders", "Trauma and PTSD", "Loneliness"],
        "shown": ["Eating disorders", "Loneliness"],
        "bio": "Recovery isn't a straight line, and that's okay. Usually found in the wins thread.",
    },
    "Ravi.K": {"experiences": ["Anxiety"], "shown": ["Anxiety"]},
    "kettle_on": {"experiences": ["Loneliness"], "shown": []},
    "DeeOnTheCoast": {
        "experiences": ["Grief and loss"],
        "shown": ["Grief and loss"],
        "peer_supporter": True,
        "bio": "Peer supporter, grandmother, sea swimmer. Grief changes shape over time; "
        "you don't have to carry it alone.",
    },
    "Tomasz84": {
        "experiences": ["Depression", "Caring for someone", "Substance use recovery"],
        "shown": ["Depression", "Caring for someone"],
    },
    "marigold_days": {"experiences": ["Grief and loss"], "shown": []},
    "bluebell.moss": {
        "experiences": ["Caring for someone", "Burnout and stress"],
        "shown": ["Caring for someone", "Burnout and stress"],
    },
}
# Self-efficacy check-ins: members who opted in, with check-ins spread over past
# weeks, so a member sees a trend and staff see figures (groups of 10 or more).
# Each check-in is (weeks ago, a score from 1 to 10); the questions vary around it
# a little (CHECKIN_SPREAD), as real answers do. Robin is the demo member's login.
CHECKIN_SPREAD = [0, -1, 1, 0, -1, 1]
CHECKINS: list[dict[str, Any]] = [
    {"display_name": "Robin", "checkins": [(13, 4), (9, 5), (5, 5)]},
    {"display_name": "QuietHarbour", "checkins": [(12, 3), (8, 4), (4, 5), (1, 6)]},
    {"display_name": "Sam T", "checkins": [(10, 6), (6, 6), (2, 7)]},
    {"display_name": "marigold_days", "checkins": [(11, 5), (7, 6), (3, 6)]},
    {"display_name": "Ravi.K", "checkins": [(9, 4), (5, 4), (1, 5)]},
    {"display_name": "northern_wren", "checkins": [(12, 7), (8, 6), (4, 7)]},
    {"display_name": "Juniper-Lou", "checkins": [(10, 2), (6, 4), (2, 5)]},
    {"display_name": "Tomasz84", "checkins": [(8, 6), (4, 6)]},
    {"display_name": "bluebell.moss", "checkins": [(11, 5), (7, 5), (3, 7)]},
    {"display_name": "DeeOnTheCoast", "checkins": [(9, 8), (5, 8), (1, 8)]},
    {"display_name": "kettle_on", "checkins": [(10, 3), (6, 5), (2, 6)]},
]

# Topics on the demo threads (by title), from the starter list in
# forums/migrations/0011_default_topics.py: up to five each.
THREAD_TOPICS = {
    "Hi, I'm new and a bit nervous": ["First post"],
    "Hello from a mum who forgot to check on herself": ["First post", "Family", "Self-care"],
    "Back after a long break": ["Setbacks"],
    "Tiny wins thread: what went right this week?": ["Good news"],
    "I went to my sister's wedding and stayed for the speeches": ["Good news", "Family"],
    "Three years today": ["Good news"],
    "Panic attacks at work: what helps you in the moment?": [
        "Coping ideas",
        "Work and study",
        "Asking for advice",
    ],
    "Does anyone else rehearse phone calls for days?": ["Coping ideas"],
    "The guilt on the can't-do-anything days": ["Self-care"],
    "One year on from the worst time of my life": ["Good news", "Therapy and services"],
    "Spotting the early signs of a high": ["Coping ideas", "Sleep"],
    "How do you tell a new friend about your diagnosis?": ["Relationships", "Asking for advice"],
    "When a memory hits out of nowhere": ["Coping ideas"],
    "Starting therapy at 71: what was the first session like?": [
        "Therapy and services",
        "Asking for advice",
    ],
    "Recovery isn't a straight line (a harder week)": ["Setbacks"],
    "Family meals at a birthday: planning ahead": ["Family", "Coping ideas"],
    "Had a slip after eight months and I feel like I've thrown it all away": ["Setbacks"],
    "Things I wish I'd known in my first month sober": ["Coping ideas", "Self-care"],
    "Two years without Graham": ["Family"],
    "My son told me he'd been self-harming. How do I look after myself?": [
        "Family",
        "Self-care",
        "Asking for advice",
    ],
    "My brother is in hospital and I'm the one everyone calls": ["Family", "Self-care"],
    "Coming out to my parents, one year later": ["Family", "Relationships", "Good news"],
    "Finding a therapist who gets it": ["Therapy and services", "Asking for advice"],
    "Final year and everyone seems to have a plan except me": ["Work and study"],
    "Living on my own for the first time: how do you keep a routine?": [
        "Self-care",
        "Asking for advice",
    ],
    "Night shifts and keeping my sleep steady": ["Sleep", "Work and study"],
    "3am and my mind won't stop": ["Sleep", "Coping ideas"],
    "New town, don't know a soul": ["Relationships"],
    "Lonely in a crowded room": ["Relationships"],
    "Did you tell your manager about your anxiety?": ["Work and study", "Asking for advice"],
    "Going back to work after time off with stress": ["Work and study", "Therapy and services"],
    "Hello from someone who has been reading for a while": ["First post"],
}
