-- DropTable
DROP TABLE "Tag";
