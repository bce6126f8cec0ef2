from django.urls import path

from . import views

app_name = "forums"

urlpatterns = [
    path("", views.home, name="home"),
    path("latest/", views.latest, name="latest"),
    path("needs-reply/", views.needs_reply, name="needs-reply"),
    path("welcome/", views.welcome, name="welcome"),
    path("search/", views.search, name="search"),
    path("topics/", views.topic_list, name="topic-list"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic-detail"),
    path("topics/<slug:slug>/mute/", views.mute_topic, name="mute-topic"),
    path("b/<slug:slug>/", views.board_detail, name="board-detail"),
    path("b/<slug:slug>/new/", views.thread_new, name="thread-new"),
    path("b/<slug:slug>/follow/", views.follow_board, name="follow-board"),
    path("b/<slug:slug>/mute/", views.mute_board, name="mute-board"),
    path("t/<int:pk>/", views.thread_detail, name="thread-detail-short"),
    path("t/<int:pk>/reply/", views.thread_reply, name="thread-reply"),
    path("t/<int:pk>/follow/", views.follow_thread, name="follow-thread"),
    path("t/<int:pk>/mute/", views.mute_thread, name="mute-thread"),
    path("t/<int:pk>/<slug:slug>/", views.thread_detail, name="thread-detail"),
    path("p/<int:pk>/", views.post_permalink, name="post-permalink"),
    path("p/<int:pk>/edit/", views.post_edit, name="post-edit"),
    path("p/<int:pk>/delete/", views.post_delete, name="post-delete"),
    path("p/<int:pk>/block-author/", views.block_author, name="block-author"),
    path("p/<int:pk>/react/", views.react, name="react"),
    path("p/<int:pk>/save/", views.save_post, name="save-post"),
    path("saved/", views.saved_posts, name="saved"),
    path("drafts/", views.drafts, name="drafts"),
    path("mutes/", views.mutes, name="mutes"),
    path("mutes/warning/", views.mute_warning, name="mute-warning"),
    path("mutes/<int:pk>/remove/", views.mute_remove, name="mute-remove"),
    path("drafts/<int:pk>/delete/", views.draft_delete, name="draft-delete"),
    path("members/<str:name>/", views.member_profile, name="member-profile"),
]
